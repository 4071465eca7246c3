package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Puts the rendered NetworkPolicies (and Strimzi's listener peers) to work on a model of the running system, and
 * compares every connection they allow with the paths issue 5 lists: the gateway to each service, reservation-service
 * to diagnosis-service, each service to its own database and to the Kafka brokers, DNS; issue 17's: the gateway and
 * the services to Keycloak's HTTP port, Keycloak (and its realm import Job) to its own database; issue 18's: the
 * web pages of reservation-service and diagnosis-service to every other service's API; issue 19's: Prometheus (in
 * {@link #PROMETHEUS_NAMESPACE}) to each service's HTTP port, where its ServiceMonitor scrapes /q/metrics, and nothing
 * else (not even another pod of that namespace); the services to the OpenTelemetry Collector's OTLP port, the
 * collector to its exporter (dev: the namespace's Zipkin; prod: the OTLP backend's namespace); plus what the
 * operators' own pods need. Anything else allowed, or anything listed but blocked, fails.
 */
class NetworkPolicyTest {

    static final String GATEWAY_NAMESPACE = "envoy-gateway-system";
    /** Where the Prometheus operator runs Prometheus (deploy/k8s/README.md, prerequisites). */
    static final String PROMETHEUS_NAMESPACE = "monitoring";
    /** prod's trace backend (the placeholder of overlays/prod/otel-collector-config.yaml). */
    static final String TRACE_BACKEND_NAMESPACE = "tempo";

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    record Target(Network.Pod pod, int port, String protocol) {
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void policiesAllowExactlyTheListedPaths(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        String namespace = rendered.services().get(0).getMetadata().getNamespace();
        assertThat(namespace).as(overlay + " namespace").isNotBlank();
        Kafka kafka = OverlaysTest.onlyKafka(rendered);

        List<Network.Pod> pods = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Map<String, Network.Pod> services = new HashMap<>();
        for (Deployment deployment : rendered.services()) {
            Network.Pod pod = new Network.Pod(Rendered.nameOf(deployment), namespace, deployment.getSpec().getTemplate().getMetadata().getLabels());
            services.put(pod.name(), pod);
            pods.add(pod);
            targets.add(new Target(pod, OverlaysTest.container(deployment).getPorts().get(0).getContainerPort(), "TCP"));
        }
        // Tracing: the collector (and dev's Zipkin), each with its container ports.
        Map<String, Network.Pod> tracing = new HashMap<>();
        for (Deployment deployment : rendered.all(Deployment.class)) {
            if (Rendered.TRACING.contains(Rendered.nameOf(deployment))) {
                Network.Pod pod = new Network.Pod(Rendered.nameOf(deployment), namespace, deployment.getSpec().getTemplate().getMetadata().getLabels());
                tracing.put(pod.name(), pod);
                pods.add(pod);
                OverlaysTest.container(deployment).getPorts().forEach(port -> targets.add(new Target(pod, port.getContainerPort(), "TCP")));
            }
        }
        Network.Pod collector = tracing.get("otel-collector");
        assertThat(collector).as(overlay + ": the OpenTelemetry Collector").isNotNull();
        Network.Pod zipkin = tracing.get("zipkin");
        Network.Pod traceBackend = new Network.Pod("tempo-distributor", TRACE_BACKEND_NAMESPACE, Map.of("app.kubernetes.io/name", "tempo"));
        pods.add(traceBackend);
        targets.add(new Target(traceBackend, 4317, "TCP"));
        Map<String, List<Network.Pod>> databasePods = new HashMap<>();
        for (Cnpg.Cluster cluster : rendered.all(Cnpg.Cluster.class)) {
            for (int instance = 1; instance <= 2; instance++) {
                Map<String, String> labels = new HashMap<>(cluster.spec().inheritedMetadata().labels());
                labels.put("cnpg.io/cluster", Rendered.nameOf(cluster));
                labels.put("cnpg.io/podRole", "instance");
                labels.put("cnpg.io/instanceName", Rendered.nameOf(cluster) + "-" + instance);
                Network.Pod pod = new Network.Pod(Rendered.nameOf(cluster) + "-" + instance, namespace, labels);
                databasePods.computeIfAbsent(Rendered.nameOf(cluster), key -> new ArrayList<>()).add(pod);
                pods.add(pod);
                targets.add(new Target(pod, 5432, "TCP"));
                targets.add(new Target(pod, 8000, "TCP"));
            }
        }
        List<Network.Pod> brokers = new ArrayList<>();
        for (KafkaNodePool pool : rendered.all(KafkaNodePool.class)) {
            boolean broker = pool.getSpec().getRoles().contains(ProcessRoles.BROKER);
            Network.Pod pod = new Network.Pod(Rendered.nameOf(kafka) + "-" + Rendered.nameOf(pool) + "-0", namespace, Map.of(
                    "strimzi.io/cluster", Rendered.nameOf(kafka),
                    "strimzi.io/kind", "Kafka",
                    "strimzi.io/name", Rendered.nameOf(kafka) + "-kafka",
                    "strimzi.io/pool-name", Rendered.nameOf(pool),
                    "strimzi.io/broker-role", String.valueOf(broker),
                    "strimzi.io/controller-role", String.valueOf(pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))));
            pods.add(pod);
            if (broker) {
                brokers.add(pod);
                kafka.getSpec().getKafka().getListeners().forEach(listener -> targets.add(new Target(pod, listener.getPort(), "TCP")));
            }
        }
        // Keycloak: two server pods (they talk to each other) and a realm import Job's pod, with the operator's labels.
        KeycloakOperator.Keycloak keycloak = KeycloakTest.onlyKeycloak(rendered);
        List<Network.Pod> keycloakServers = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            Network.Pod pod = new Network.Pod(Rendered.nameOf(keycloak) + "-" + instance, namespace, keycloak.serverPodLabels());
            keycloakServers.add(pod);
            pods.add(pod);
            targets.add(new Target(pod, keycloak.httpPort(), "TCP"));
            targets.add(new Target(pod, keycloak.managementPort(), "TCP"));
            KeycloakOperator.JGROUPS_PORTS.forEach(port -> targets.add(new Target(pod, port, "TCP")));
        }
        Network.Pod realmImport = new Network.Pod("realm-import", namespace, keycloak.realmImportPodLabels());
        pods.add(realmImport);
        List<Network.Pod> keycloakPods = new ArrayList<>(keycloakServers);
        keycloakPods.add(realmImport);
        String keycloakDatabase = Rendered.nameOf(KeycloakTest.keycloakDatabase(rendered));

        Network.Pod gateway = new Network.Pod("gateway-proxy", GATEWAY_NAMESPACE, Map.of("app.kubernetes.io/name", "envoy"));
        Network.Pod dns = new Network.Pod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"));
        Network.Pod cnpgOperator = new Network.Pod("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"));
        Network.Pod stranger = new Network.Pod("stranger", namespace, Map.of("app", "stranger"));
        Network.Pod outsider = new Network.Pod("outsider", "elsewhere", Map.of("app", "outsider"));
        Network.Pod prometheus = new Network.Pod("prometheus", PROMETHEUS_NAMESPACE, Map.of("app.kubernetes.io/name", "prometheus"));
        // Another pod of the monitoring namespace: the namespace alone lets nobody in.
        Network.Pod grafana = new Network.Pod("grafana", PROMETHEUS_NAMESPACE, Map.of("app.kubernetes.io/name", "grafana"));
        pods.addAll(List.of(gateway, dns, cnpgOperator, stranger, outsider, prometheus, grafana));
        targets.add(new Target(dns, 53, "UDP"));
        targets.add(new Target(dns, 53, "TCP"));

        // Strimzi writes the brokers' NetworkPolicy from each listener's networkPolicyPeers (none = everyone).
        Network.IngressGuard strimzi = (from, to, port) -> {
            if (!brokers.contains(to)) {
                return null;
            }
            return kafka.getSpec().getKafka().getListeners().stream().filter(listener -> listener.getPort() == port).findFirst()
                    .map(GenericKafkaListener::getNetworkPolicyPeers)
                    .map(peers -> Network.peersMatch(peers, namespace, from))
                    .orElse(false);
        };
        // The Keycloak operator writes its NetworkPolicy from spec.networkPolicy.
        List<NetworkPolicy> policies = new ArrayList<>(rendered.all(NetworkPolicy.class));
        keycloak.operatorNetworkPolicy(namespace).ifPresent(policies::add);
        Network network = new Network(policies, List.of(strimzi));

        Set<String> expected = new TreeSet<>();
        for (Target target : targets) {
            if (services.containsValue(target.pod())) {
                expected.add(edge(gateway, target));
                // Its HTTP port, which also serves /q/metrics (checked against the ServiceMonitors below).
                expected.add(edge(prometheus, target));
                // reservation-service books with diagnosis-service; the web pages of both (customers' app, staff
                // console) call every other service's API.
                for (String caller : List.of("reservation-service", "diagnosis-service")) {
                    if (!target.pod().name().equals(caller)) {
                        expected.add(edge(services.get(caller), target));
                    }
                }
            }
            if (keycloakServers.contains(target.pod())) {
                if (target.port() == keycloak.httpPort()) {
                    // Browsers through the gateway; the services for keys, discovery and reservation-service's token.
                    expected.add(edge(gateway, target));
                    services.values().forEach(service -> expected.add(edge(service, target)));
                } else if (KeycloakOperator.JGROUPS_PORTS.contains(target.port())) {
                    // JGroups between the instances. The management port: nobody (only the kubelet's probes, which
                    // NetworkPolicy does not govern).
                    keycloakServers.stream().filter(pod -> pod != target.pod()).forEach(pod -> expected.add(edge(pod, target)));
                }
            }
            boolean keycloakDatabasePort = databasePods.get(keycloakDatabase).contains(target.pod()) && target.port() == 5432;
            if (keycloakDatabasePort || target.pod() == dns) {
                keycloakPods.forEach(pod -> expected.add(edge(pod, target)));
            }
        }
        for (Target target : targets) {
            if (target.pod() == collector && target.port() == 4317) {
                services.values().forEach(service -> expected.add(edge(service, target)));
            }
            boolean exporter = zipkin != null ? target.pod() == zipkin && target.port() == 9411 : target.pod() == traceBackend;
            if (exporter || target.pod() == dns) {
                expected.add(edge(collector, target));
            }
        }
        for (Deployment deployment : rendered.services()) {
            Network.Pod service = services.get(Rendered.nameOf(deployment));
            String cluster = Rendered.nameOf(OverlaysTest.databaseCluster(rendered, deployment));
            for (Target target : targets) {
                boolean ownDatabase = databasePods.get(cluster).contains(target.pod()) && target.port() == 5432;
                boolean kafkaClientPort = brokers.contains(target.pod()) && target.port() == OverlaysTest.clientListener(kafka).getPort();
                if (ownDatabase || kafkaClientPort || target.pod() == dns) {
                    expected.add(edge(service, target));
                }
            }
        }
        for (List<Network.Pod> instances : databasePods.values()) {
            for (Target target : targets) {
                if (instances.contains(target.pod())) {
                    instances.stream().filter(pod -> pod != target.pod()).forEach(pod -> expected.add(edge(pod, target)));
                    if (target.port() == 8000) {
                        expected.add(edge(cnpgOperator, target));
                    }
                }
            }
        }

        Set<String> allowed = new TreeSet<>();
        for (Network.Pod from : pods) {
            for (Target target : targets) {
                // DNS and the trace backend are not ours to police except for our services', Keycloak's and the
                // collector's egress.
                boolean outside = target.pod() == dns || target.pod() == traceBackend;
                boolean relevant = !outside || services.containsValue(from) || keycloakPods.contains(from) || from == collector;
                if (from != target.pod() && relevant && network.allows(from, target.pod(), target.port(), target.protocol())) {
                    allowed.add(edge(from, target));
                }
            }
        }
        Set<String> unexpected = new TreeSet<>(allowed);
        unexpected.removeAll(expected);
        Set<String> blocked = new TreeSet<>(expected);
        blocked.removeAll(allowed);
        assertThat(unexpected.isEmpty() && blocked.isEmpty())
                .as("%s NetworkPolicies%n  allowed but not a listed path:%n    %s%n  listed path but blocked:%n    %s", overlay,
                        String.join("\n    ", unexpected), String.join("\n    ", blocked))
                .isTrue();
        assertThat(allowed).as(overlay + ": the model saw traffic at all").isNotEmpty();

        // Prometheus scrapes where each ServiceMonitor says: /q/metrics on the Service port whose target is the
        // container port let in above.
        List<ServiceMonitor> monitors = rendered.all(ServiceMonitor.class);
        assertThat(monitors).extracting(Rendered::nameOf).as(overlay + " ServiceMonitors")
                .containsExactlyInAnyOrderElementsOf(services.keySet());
        for (ServiceMonitor monitor : monitors) {
            String name = Rendered.nameOf(monitor);
            Service service = rendered.get(Service.class, name);
            assertThat(Network.matches(monitor.getSpec().getSelector(), service.getMetadata().getLabels()))
                    .as(overlay + " " + name + ": the ServiceMonitor selects its Service").isTrue();
            for (Service other : rendered.all(Service.class)) {
                if (other != service) {
                    assertThat(Network.matches(monitor.getSpec().getSelector(), other.getMetadata().getLabels()))
                            .as(overlay + " " + name + ": the ServiceMonitor selects only its Service, not " + Rendered.nameOf(other))
                            .isFalse();
                }
            }
            assertThat(monitor.getSpec().getEndpoints()).as(overlay + " " + name + " endpoints").hasSize(1);
            Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
            assertThat(endpoint.getPath()).as(overlay + " " + name + " scrape path").isEqualTo("/q/metrics");
            // Quarkus names the pod's port (targetPort); a Service port name would do as well.
            Integer scrapedPort = endpoint.getTargetPort() != null ? endpoint.getTargetPort().getIntVal()
                    : service.getSpec().getPorts().stream().filter(p -> p.getName().equals(endpoint.getPort())).findFirst()
                            .map(p -> p.getTargetPort().getIntVal())
                            .orElseThrow(() -> new AssertionError(overlay + " " + name + ": no Service port named " + endpoint.getPort()));
            Target scraped = new Target(services.get(name), scrapedPort, "TCP");
            assertThat(allowed).as(overlay + " " + name + ": Prometheus reaches the scraped port").contains(edge(prometheus, scraped));
        }
    }

    private static String edge(Network.Pod from, Target to) {
        return from.namespace() + "/" + from.name() + " -> " + to.pod().namespace() + "/" + to.pod().name() + ":" + to.port() + "/" + to.protocol();
    }
}
