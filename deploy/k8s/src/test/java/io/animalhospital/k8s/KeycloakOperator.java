package io.animalhospital.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Keycloak operator's API (k8s.keycloak.org/v2alpha1) has no Java model on Maven Central, so these records
 * declare the part of the Keycloak and KeycloakRealmImport resources the manifests use, with the field names of the
 * operator's CRD (Keycloak 26.x); {@link OwnResource}: a field outside this subset, or misspelt, fails the build.
 * The realm itself stays a map: it is compared with the realm file the local stack imports.
 *
 * What the operator makes from a Keycloak resource, and the tests rely on, is written down here once: the
 * Service's name and ports, its pods' labels, and the NetworkPolicy it derives from spec.networkPolicy.
 */
final class KeycloakOperator {

    /** Defaults of the operator (org.keycloak.operator.Constants). */
    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    static final List<Integer> JGROUPS_PORTS = List.of(7800, 57800);

    private KeycloakOperator() {
    }

    record Keycloak(String apiVersion, String kind, ObjectMeta metadata, KeycloakSpec spec) implements OwnResource {

        /** The Service the operator creates in front of the server pods. */
        String serviceName() {
            return metadata.getName() + "-service";
        }

        int httpPort() {
            return Optional.ofNullable(spec.http()).map(HttpSpec::httpPort).orElse(HTTP_PORT);
        }

        int managementPort() {
            return Optional.ofNullable(spec.httpManagement()).map(HttpManagementSpec::port).orElse(MANAGEMENT_PORT);
        }

        /** The labels of the server pods (the operator's default labels and the instance). */
        Map<String, String> serverPodLabels() {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("app", "keycloak");
            labels.put("app.kubernetes.io/managed-by", "keycloak-operator");
            labels.put("app.kubernetes.io/instance", metadata.getName());
            return labels;
        }

        /** A realm import Job's pod: the server's pod template with app changed, so no Service selects it. */
        Map<String, String> realmImportPodLabels() {
            Map<String, String> labels = serverPodLabels();
            labels.put("app", "keycloak-realm-import");
            return labels;
        }

        /** A server option set through additionalOptions (a plain value; null when unset or from a Secret). */
        String option(String name) {
            return Optional.ofNullable(spec.additionalOptions()).orElse(List.of()).stream()
                    .filter(option -> name.equals(option.name())).map(ValueOrSecret::value).findFirst().orElse(null);
        }

        /**
         * The NetworkPolicy {@code <name>-network-policy} the operator derives from spec.networkPolicy
         * (KeycloakNetworkPolicyDependentResource): ingress to the server pods on the HTTP port from the http peers,
         * on JGroups' ports from the server pods, on the management port from the management peers; an empty peer
         * list admits everyone. Empty when spec.networkPolicy.enabled is false.
         */
        Optional<NetworkPolicy> operatorNetworkPolicy(String namespace) {
            NetworkPolicySpec policy = spec.networkPolicy();
            if (policy != null && Boolean.FALSE.equals(policy.enabled())) {
                return Optional.empty();
            }
            List<NetworkPolicyIngressRule> rules = new ArrayList<>();
            rules.add(rule(List.of(httpPort()), policy == null ? null : policy.http()));
            rules.add(rule(JGROUPS_PORTS, List.of(new NetworkPolicyPeerBuilder()
                    .withPodSelector(new LabelSelector(null, serverPodLabels())).build())));
            rules.add(rule(List.of(managementPort()), policy == null ? null : policy.management()));
            return Optional.of(new NetworkPolicyBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(metadata.getName() + "-network-policy").withNamespace(namespace).build())
                    .withNewSpec()
                    .withPodSelector(new LabelSelector(null, serverPodLabels()))
                    .withPolicyTypes("Ingress")
                    .withIngress(rules)
                    .endSpec()
                    .build());
        }

        private static NetworkPolicyIngressRule rule(List<Integer> ports, List<NetworkPolicyPeer> peers) {
            List<NetworkPolicyPort> policyPorts = ports.stream()
                    .map(port -> new NetworkPolicyPort(null, new IntOrString(port), "TCP")).toList();
            return new NetworkPolicyIngressRule(peers == null || peers.isEmpty() ? null : peers, policyPorts);
        }
    }

    record KeycloakSpec(Integer instances, String image, Boolean startOptimized, DatabaseSpec db, HttpSpec http,
            HostnameSpec hostname, ProxySpec proxy, IngressSpec ingress, NetworkPolicySpec networkPolicy,
            List<ValueOrSecret> additionalOptions, ResourceRequirements resources, HttpManagementSpec httpManagement) {
    }

    record DatabaseSpec(String vendor, String host, Integer port, String database, SecretKeySelector usernameSecret,
            SecretKeySelector passwordSecret, Integer poolMinSize, Integer poolInitialSize, Integer poolMaxSize) {
    }

    record HttpSpec(Boolean httpEnabled, Integer httpPort, Integer httpsPort, String tlsSecret) {
    }

    record HostnameSpec(String hostname, String admin, Boolean strict, Boolean backchannelDynamic) {
    }

    record ProxySpec(String headers) {
    }

    record IngressSpec(Boolean enabled, String className) {
    }

    record NetworkPolicySpec(Boolean enabled, List<NetworkPolicyPeer> http, List<NetworkPolicyPeer> https,
            List<NetworkPolicyPeer> management) {
    }

    record ValueOrSecret(String name, String value, SecretKeySelector secret) {
    }

    record HttpManagementSpec(Integer port) {
    }

    record RealmImport(String apiVersion, String kind, ObjectMeta metadata, RealmImportSpec spec) implements OwnResource {
    }

    record RealmImportSpec(String keycloakCRName, Map<String, Object> realm, Map<String, Placeholder> placeholders,
            ResourceRequirements resources, Map<String, String> labels) {
    }

    record Placeholder(SecretKeySelector secret) {
    }
}
