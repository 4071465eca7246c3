package io.animalhospital.k8s;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A resource of an operator that has no Java model on Maven Central (CloudNativePG, Keycloak), declared here as
 * records of the fields the overlays use. {@link Rendered} reads them with FAIL_ON_UNKNOWN_PROPERTIES, so a field
 * outside that subset, or misspelt, fails the build.
 */
interface OwnResource {
    String kind();

    ObjectMeta metadata();
}
