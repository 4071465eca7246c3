package io.animalhospital.k8s;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;

/**
 * CloudNativePG has no Java model on Maven Central, so these records declare the part of its API
 * (postgresql.cnpg.io/v1) the overlays use, with the field names of the CloudNativePG API reference; they are
 * read with FAIL_ON_UNKNOWN_PROPERTIES, so a field outside this subset, or misspelt, fails the build.
 */
final class Cnpg {

    private Cnpg() {
    }

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) implements OwnResource {

        /** The Secret CloudNativePG creates for the application owner: username, password, uri, ... */
        String appSecret() {
            return metadata.getName() + "-app";
        }

        /** The Service in front of the primary. */
        String readWriteService() {
            return metadata.getName() + "-rw";
        }
    }

    record ClusterSpec(Integer instances, String imageName, Boolean enablePDB, Storage storage, Bootstrap bootstrap,
            InheritedMetadata inheritedMetadata, PostgresConfiguration postgresql, ResourceRequirements resources) {
    }

    record Storage(String size, String storageClass) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner) {
    }

    record InheritedMetadata(Map<String, String> labels, Map<String, String> annotations) {
    }

    record PostgresConfiguration(Map<String, String> parameters) {
    }

    record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) implements OwnResource {
    }

    record DatabaseSpec(String name, String owner, ClusterReference cluster) {
    }

    record ClusterReference(String name) {
    }
}
