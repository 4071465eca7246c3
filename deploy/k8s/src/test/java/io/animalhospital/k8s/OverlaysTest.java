package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders, and what it renders follows the deployment rules of issue 5. */
class OverlaysTest {

    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String NAME = "app.kubernetes.io/name";

    /**
     * The routes of the one entry point (issue 5) and the Service each goes to (SPEC section 3), and Keycloak's
     * browser-facing paths (issue 17): the realm's endpoints and login pages, and the static files those load.
     */
    static final Map<String, String> ROUTES = Map.of(
            "/reservations", "reservation-service",
            "/app", "reservation-service",
            "/schedules", "diagnosis-service",
            "/appointments", "diagnosis-service",
            "/staff", "diagnosis-service",
            "/bills", "billing-service",
            "/notifications", "notice-service",
            "/reservation-status", "lookup-service",
            "/realms/" + Project.REALM, "keycloak-service",
            "/resources", "keycloak-service");

    /** Paths that must not be public (SPEC section 7): operations, management, Keycloak's administration. */
    static final List<String> NOT_PUBLIC = List.of("/admin", "/admin/rebuild", "/q", "/q/health", "/q/metrics", "/q/openapi",
            "/admin/realms/" + Project.REALM, "/admin/master/console", "/realms/master", "/realms/master/protocol/openid-connect/token",
            "/metrics", "/health");

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsLabelledPartOfTheHospital(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        assertThat(rendered.all()).isNotEmpty();
        for (Object object : rendered.all()) {
            assertThat(Rendered.labelsOf(object))
                    .as("%s %s %s", overlay, Rendered.kindOf(object), Rendered.nameOf(object))
                    .containsEntry(PART_OF, "animal-hospital");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentIsProbedSizedAndRolledWithoutDowntime(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        assertThat(rendered.services()).extracting(Rendered::nameOf)
                .containsExactlyInAnyOrderElementsOf(Project.SERVICES.keySet());
        assertThat(rendered.all(Deployment.class)).extracting(Rendered::nameOf).as(overlay + ": besides the services")
                .allMatch(name -> Project.SERVICES.containsKey(name) || Rendered.TRACING.contains(name));
        for (Project.Service service : Project.SERVICES.values()) {
            Deployment deployment = rendered.get(Deployment.class, service.name());
            String where = overlay + " " + service.name();
            Container container = container(deployment);
            assertThat(container.getPorts()).as(where + " ports").extracting(ContainerPort::getContainerPort)
                    .containsExactly(service.port());

            assertProbe(where + " startup probe", container.getStartupProbe(), "/q/health/started", service.port());
            assertProbe(where + " liveness probe", container.getLivenessProbe(), "/q/health/live", service.port());
            assertProbe(where + " readiness probe", container.getReadinessProbe(), "/q/health/ready", service.port());

            assertThat(container.getResources()).as(where + " resources").isNotNull();
            assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");

            assertThat(deployment.getSpec().getStrategy().getType()).as(where + " strategy").isEqualTo("RollingUpdate");
            assertThat(asInt(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()))
                    .as(where + " maxUnavailable").isZero();
            assertThat(deployment.getSpec().getReplicas()).as(where + ": replicas belong to the HPA").isNull();

            // Graceful shutdown: the pod is killed only after the readiness delay and the drain timeout have passed.
            Duration delay = Project.duration(config(rendered, deployment).getOrDefault("QUARKUS_SHUTDOWN_DELAY", "0s"));
            Duration drain = service.shutdownTimeout();
            Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertThat(grace).as(where + " terminationGracePeriodSeconds").isNotNull();
            assertThat(Duration.ofSeconds(grace)).as(where + ": grace period > shutdown delay %s + timeout %s", delay, drain)
                    .isGreaterThan(delay.plus(drain));
            assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
                    .as(where + " runAsNonRoot").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void configComesFromAConfigMapAndCredentialsFromASecretNeverInClear(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        assertThat(rendered.all(Secret.class)).as(overlay + ": no Secret may be committed").isEmpty();
        for (Deployment deployment : rendered.services()) {
            String where = overlay + " " + Rendered.nameOf(deployment);
            Container container = container(deployment);
            List<String> configMaps = container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                    .filter(ref -> ref != null).map(ref -> ref.getName()).toList();
            assertThat(configMaps).as(where + " envFrom ConfigMap").hasSize(1);
            assertThat(rendered.find(ConfigMap.class, configMaps.get(0))).as(where + ": ConfigMap %s rendered", configMaps.get(0))
                    .isPresent();
            for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                EnvVar env = env(container, variable).orElseThrow(() -> new AssertionError(where + " has no " + variable));
                assertThat(env.getValue()).as(where + " " + variable + " literal value").isNull();
                assertThat(env.getValueFrom().getSecretKeyRef()).as(where + " " + variable + " from a Secret").isNotNull();
            }
            for (EnvVar env : container.getEnv()) {
                if (env.getValue() != null) {
                    assertThat(env.getName()).as(where + ": credential in clear").doesNotContainIgnoringCase("password")
                            .doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("token");
                }
            }
        }
        for (ConfigMap configMap : rendered.all(ConfigMap.class)) {
            assertThat(configMap.getData().keySet()).as(overlay + " ConfigMap " + Rendered.nameOf(configMap))
                    .noneMatch(key -> key.toUpperCase().contains("PASSWORD") || key.toUpperCase().contains("SECRET"));
            assertThat(configMap.getData().values()).as(overlay + " ConfigMap " + Rendered.nameOf(configMap) + ": URL with credentials")
                    .noneMatch(value -> value.matches("(?s).*://[^/\\s]*:[^/\\s]*@.*"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void datasourceAndKafkaSettingsPointAtTheOperatorsResources(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Kafka kafka = onlyKafka(rendered);
        String bootstrap = Rendered.nameOf(kafka) + "-kafka-bootstrap:" + clientListener(kafka).getPort();

        for (Project.Service service : Project.SERVICES.values()) {
            Deployment deployment = rendered.get(Deployment.class, service.name());
            String where = overlay + " " + service.name();
            Map<String, String> config = config(rendered, deployment);
            Cnpg.Cluster cluster = databaseCluster(rendered, deployment);
            String url = cluster.readWriteService() + ":5432/" + service.database();
            assertThat(config).as(where + " datasource")
                    .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + url)
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + url)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            assertThat(databasesOf(rendered, cluster)).as(where + ": cluster %s holds database %s", Rendered.nameOf(cluster),
                    service.database()).contains(service.database());
            for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertThat(env(container(deployment), variable).orElseThrow().getValueFrom().getSecretKeyRef().getKey())
                        .as(where + " " + variable + " key in " + cluster.appSecret())
                        .isEqualTo(variable.endsWith("USERNAME") ? "username" : "password");
            }
        }
        // The one synchronous call goes through the diagnosis-service Service.
        Service diagnosis = rendered.get(Service.class, "diagnosis-service");
        assertThat(diagnosis.getSpec().getPorts()).extracting(ServicePort::getPort).contains(80);
        assertThat(config(rendered, rendered.get(Deployment.class, "reservation-service")))
                .containsEntry("DIAGNOSIS_SERVICE_URL", "http://diagnosis-service");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasAMatchingServiceAutoscalerAndDisruptionBudget(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Map<String, Integer> maxReplicas = new TreeMap<>();
        for (Deployment deployment : rendered.services()) {
            String name = Rendered.nameOf(deployment);
            String where = overlay + " " + name;
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            ContainerPort port = container(deployment).getPorts().get(0);

            Service service = rendered.get(Service.class, name);
            assertThat(podLabels).as(where + ": Service selector matches the pods").containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(deployment.getSpec().getSelector().getMatchLabels()).as(where + " Deployment selector")
                    .isEqualTo(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).as(where + ": Service reaches the container port").anySatisfy(servicePort -> {
                IntOrString target = servicePort.getTargetPort();
                assertThat(target.getIntVal() != null ? target.getIntVal().equals(port.getContainerPort())
                        : target.getStrVal().equals(port.getName())).isTrue();
            });
            for (Deployment other : rendered.all(Deployment.class)) {
                if (other != deployment) {
                    Map<String, String> otherLabels = other.getSpec().getTemplate().getMetadata().getLabels();
                    assertThat(otherLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                            .as(where + ": Service selects only its pods").isFalse();
                }
            }

            List<HorizontalPodAutoscaler> hpas = rendered.all(HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(name)).toList();
            assertThat(hpas).as(where + " HorizontalPodAutoscaler").hasSize(1);
            HorizontalPodAutoscaler hpa = hpas.get(0);
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
            assertThat(hpa.getSpec().getMetrics()).as(where + " HPA on CPU").anySatisfy(metric -> {
                assertThat(metric.getType()).isEqualTo("Resource");
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
            });
            assertThat(hpa.getSpec().getMinReplicas()).as(where + " minReplicas").isPositive();
            assertThat(hpa.getSpec().getMaxReplicas()).as(where + " maxReplicas").isGreaterThanOrEqualTo(hpa.getSpec().getMinReplicas());
            maxReplicas.put(name, hpa.getSpec().getMaxReplicas());

            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(pdb -> Network.matches(pdb.getSpec().getSelector(), podLabels)).toList();
            assertThat(budgets).as(where + " PodDisruptionBudget").hasSize(1);
            PodDisruptionBudget budget = budgets.get(0);
            assertThat(budget.getSpec().getMaxUnavailable() != null || budget.getSpec().getMinAvailable() != null)
                    .as(where + " PDB sets a budget").isTrue();
            for (Deployment other : rendered.all(Deployment.class)) {
                if (other != deployment) {
                    assertThat(Network.matches(budget.getSpec().getSelector(), other.getSpec().getTemplate().getMetadata().getLabels()))
                            .as(where + ": PDB selects only its pods").isFalse();
                }
            }
        }
        int furthestLow = Project.SCALE_FURTHEST.stream().mapToInt(maxReplicas::get).min().orElseThrow();
        int othersHigh = maxReplicas.entrySet().stream().filter(entry -> !Project.SCALE_FURTHEST.contains(entry.getKey()))
                .mapToInt(Map.Entry::getValue).max().orElseThrow();
        assertThat(furthestLow).as(overlay + ": reservation and diagnosis scale furthest " + maxReplicas).isGreaterThan(othersHigh);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void oneEntryPointRoutesEveryResourcePathToItsService(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        assertThat(rendered.all(Gateway.class)).as(overlay + ": one Gateway").hasSize(1);
        Gateway gateway = rendered.all(Gateway.class).get(0);
        assertThat(gateway.getSpec().getListeners()).as(overlay + " listeners").isNotEmpty();

        KeycloakOperator.Keycloak keycloak = KeycloakTest.onlyKeycloak(rendered);
        Map<String, String> routed = new TreeMap<>();
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            assertThat(route.getSpec().getParentRefs()).as(overlay + " route " + Rendered.nameOf(route) + " parent")
                    .singleElement().satisfies(parent -> assertThat(parent.getName()).isEqualTo(Rendered.nameOf(gateway)));
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                if (RoutingTableTest.isRedirect(rule)) {
                    continue; // answered by the Gateway itself (RoutingTableTest)
                }
                assertThat(rule.getBackendRefs()).as(overlay + " backends of " + rule.getMatches()).hasSize(1);
                HTTPBackendRef backend = rule.getBackendRefs().get(0);
                if (backend.getName().equals(keycloak.serviceName())) {
                    // Made by the Keycloak operator, not rendered here.
                    assertThat(backend.getPort()).as(overlay + " " + backend.getName() + " port").isEqualTo(keycloak.httpPort());
                } else {
                    Service service = rendered.get(Service.class, backend.getName());
                    assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).as(overlay + " " + backend.getName() + " port")
                            .contains(backend.getPort());
                }
                for (HTTPRouteMatch match : rule.getMatches()) {
                    assertThat(match.getPath().getType()).isEqualTo("PathPrefix");
                    assertThat(routed.put(match.getPath().getValue(), backend.getName()))
                            .as(overlay + ": path %s routed twice", match.getPath().getValue()).isNull();
                }
            }
        }
        assertThat(routed).as(overlay + " routes").isEqualTo(new TreeMap<>(ROUTES));
    }

    /**
     * Only the entry point is public (SPEC section 7): no route reaches a service's /q/* (health, metrics, OpenAPI)
     * or /admin/* (view rebuild, dead letters; every such JAX-RS path of the code is checked), nor Keycloak's
     * administration or its master realm. Routes match path prefixes only, so this is the whole exposure.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void operationsManagementAndKeycloakAdministrationAreNotRouted(String overlay) throws IOException {
        Rendered rendered = Kustomize.overlay(overlay);
        List<String> prefixes = new ArrayList<>();
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                if (RoutingTableTest.isRedirect(rule)) {
                    // Exact paths the Gateway answers with a redirect itself: nothing reaches a service.
                    assertThat(rule.getBackendRefs()).as(overlay + ": a redirect has no backend").isNullOrEmpty();
                    continue;
                }
                for (HTTPRouteMatch match : rule.getMatches()) {
                    assertThat(match.getPath().getType()).as(overlay + ": path prefixes only").isEqualTo("PathPrefix");
                    assertThat(match.getHeaders()).as(overlay + ": matches by path alone").isNullOrEmpty();
                    assertThat(match.getQueryParams()).as(overlay + ": matches by path alone").isNullOrEmpty();
                    prefixes.add(match.getPath().getValue());
                }
            }
        }
        List<String> hidden = new ArrayList<>(NOT_PUBLIC);
        hidden.addAll(adminPathsInTheCode());
        assertThat(adminPathsInTheCode()).as("the code's /admin resources (the scan found some)").isNotEmpty();
        for (String path : hidden) {
            assertThat(prefixes).as(overlay + ": %s is not routed", path).noneMatch(prefix -> routes(prefix, path));
        }
    }

    /** Gateway API PathPrefix semantics: whole path segments. */
    static boolean routes(String prefix, String path) {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() || path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    /** The class-level JAX-RS paths under /admin in the services and the platform library. */
    static List<String> adminPathsInTheCode() throws IOException {
        List<Path> sources = new ArrayList<>();
        Project.SERVICES.values().forEach(service -> sources.add(service.module().resolve("src/main/java")));
        sources.add(Project.root().resolve("deploy/platform/src/main/java"));
        Pattern path = Pattern.compile("@Path\\(\"(/admin[^\"]*)\"\\)");
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                    Matcher matcher = path.matcher(Files.readString(file));
                    while (matcher.find()) {
                        found.add(matcher.group(1));
                    }
                }
            }
        }
        return found;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaRunsInKraftModeOnNodePools(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Kafka kafka = onlyKafka(rendered);
        String where = overlay + " Kafka " + Rendered.nameOf(kafka);
        assertThat(kafka.getSpec().getZookeeper()).as(where + ": KRaft, no ZooKeeper").isNull();
        assertThat(kafka.getSpec().getKafka().getReplicas()).as(where + ": sizes come from node pools").isNull();
        assertThat(kafka.getSpec().getKafka().getStorage()).as(where + ": storage comes from node pools").isNull();
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).as(where + ": topic operator for KafkaTopic").isNotNull();

        List<KafkaNodePool> pools = rendered.all(KafkaNodePool.class);
        assertThat(pools).as(where + " node pools").isNotEmpty().allSatisfy(pool ->
                assertThat(Rendered.labelsOf(pool)).containsEntry("strimzi.io/cluster", Rendered.nameOf(kafka)));
        int controllers = replicasWithRole(pools, ProcessRoles.CONTROLLER);
        int brokers = replicasWithRole(pools, ProcessRoles.BROKER);
        assertThat(controllers).as(where + ": an odd KRaft quorum").isOdd();
        assertThat(brokers).as(where + " brokers").isPositive();

        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        int replication = number(config.get("default.replication.factor"));
        int inSync = number(config.get("min.insync.replicas"));
        assertThat(replication).as(where + " default.replication.factor").isBetween(1, brokers);
        assertThat(number(config.get("offsets.topic.replication.factor"))).isBetween(1, brokers);
        assertThat(number(config.get("transaction.state.log.replication.factor"))).isBetween(1, brokers);
        assertThat(inSync).as(where + ": min.insync.replicas leaves room for one broker down").isLessThan(Math.max(2, replication));
        assertThat(config.get("auto.create.topics.enable")).as(where + ": topics only from KafkaTopic").isEqualTo(false);
        if (overlay.equals("prod")) {
            assertThat(controllers).as(where + " controllers").isGreaterThanOrEqualTo(3);
            assertThat(brokers).as(where + " brokers").isGreaterThanOrEqualTo(3);
            assertThat(inSync).as(where + " min.insync.replicas").isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicHasAKafkaTopicWithEnoughPartitionsForItsConsumers(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Kafka kafka = onlyKafka(rendered);
        int brokers = replicasWithRole(rendered.all(KafkaNodePool.class), ProcessRoles.BROKER);
        Map<String, KafkaTopic> topics = new TreeMap<>();
        for (KafkaTopic topic : rendered.all(KafkaTopic.class)) {
            String name = Optional.ofNullable(topic.getSpec().getTopicName()).orElse(Rendered.nameOf(topic));
            assertThat(topics.put(name, topic)).as(overlay + ": topic %s declared twice", name).isNull();
            assertThat(Rendered.labelsOf(topic)).as(overlay + " topic " + name).containsEntry("strimzi.io/cluster", Rendered.nameOf(kafka));
        }

        Set<String> required = new TreeSet<>();
        Project.SPEC_TOPICS.forEach(topic -> {
            required.add(topic);
            required.add(topic + ".dlq");
        });
        Project.SERVICES.values().forEach(service -> required.addAll(service.configuredTopics()));
        assertThat(topics.keySet()).as(overlay + ": every topic of SPEC section 4, its .dlq and every configured topic")
                .containsAll(required);

        Map<String, Integer> maxReplicas = rendered.all(HorizontalPodAutoscaler.class).stream().collect(Collectors.toMap(
                hpa -> hpa.getSpec().getScaleTargetRef().getName(), hpa -> hpa.getSpec().getMaxReplicas()));
        for (Map.Entry<String, KafkaTopic> entry : topics.entrySet()) {
            String where = overlay + " topic " + entry.getKey();
            KafkaTopic topic = entry.getValue();
            int replicas = topic.getSpec().getReplicas();
            int inSync = number(topic.getSpec().getConfig().get("min.insync.replicas"));
            assertThat(replicas).as(where + " replicas").isBetween(1, brokers);
            assertThat(inSync).as(where + " min.insync.replicas").isBetween(1, Math.max(1, replicas - 1));
            if (replicas >= 3) {
                assertThat(inSync).as(where + " min.insync.replicas").isGreaterThanOrEqualTo(2);
            }
            assertThat(topic.getSpec().getConfig()).as(where + ": retention chosen").containsKey("retention.ms");
            int consumerReplicas = Project.SERVICES.values().stream()
                    .filter(service -> service.consumedTopics().contains(entry.getKey()))
                    .mapToInt(service -> maxReplicas.get(service.name())).max().orElse(0);
            assertThat(topic.getSpec().getPartitions()).as(where + ": a partition for every replica of every consumer group")
                    .isGreaterThanOrEqualTo(Math.max(1, consumerReplicas));
        }
        for (String topic : Project.SPEC_TOPICS) {
            assertThat(number(topics.get(topic).getSpec().getConfig().get("retention.ms")))
                    .as(overlay + " " + topic + ": kept for replay (lookup-service rebuilds from the topics)").isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void postgresClustersHoldEveryDatabaseAndEnoughConnections(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Map<String, List<String>> servicesByCluster = new LinkedHashMap<>();
        for (Deployment deployment : rendered.services()) {
            servicesByCluster.computeIfAbsent(Rendered.nameOf(databaseCluster(rendered, deployment)), key -> new ArrayList<>())
                    .add(Rendered.nameOf(deployment));
        }
        // The services' clusters; Keycloak's own is KeycloakTest's.
        String keycloakCluster = Rendered.nameOf(KeycloakTest.keycloakDatabase(rendered));
        assertThat(servicesByCluster).as(overlay + ": no service on Keycloak's database").doesNotContainKey(keycloakCluster);
        List<Cnpg.Cluster> clusters = rendered.all(Cnpg.Cluster.class).stream()
                .filter(cluster -> !Rendered.nameOf(cluster).equals(keycloakCluster)).toList();
        if (overlay.equals("prod")) {
            assertThat(clusters).as("prod: a Cluster per service database").hasSize(Project.SERVICES.size());
            assertThat(servicesByCluster.values()).as("prod: no two services share a cluster").allSatisfy(list -> assertThat(list).hasSize(1));
            assertThat(clusters).allSatisfy(cluster -> assertThat(cluster.spec().instances()).as("prod: a primary and standbys")
                    .isGreaterThanOrEqualTo(3));
        } else {
            assertThat(clusters).as(overlay + ": one cluster with a database per service").hasSize(1);
            assertThat(rendered.all(Cnpg.Database.class)).extracting(database -> database.spec().name())
                    .containsAll(Project.SERVICES.values().stream().map(Project.Service::database).toList());
        }
        Map<String, Integer> maxReplicas = rendered.all(HorizontalPodAutoscaler.class).stream().collect(Collectors.toMap(
                hpa -> hpa.getSpec().getScaleTargetRef().getName(), hpa -> hpa.getSpec().getMaxReplicas()));
        for (Cnpg.Cluster cluster : clusters) {
            String where = overlay + " cluster " + Rendered.nameOf(cluster);
            assertThat(cluster.spec().storage().size()).as(where + " storage").isNotBlank();
            assertThat(cluster.spec().imageName()).as(where + ": PostgreSQL 17 like the tests").endsWith(":17");
            // Per pod: the reactive pool, the outbox LISTEN connection and Flyway's JDBC connection at start-up;
            // one surge pod per service during a rollout.
            int needed = servicesByCluster.getOrDefault(Rendered.nameOf(cluster), List.of()).stream()
                    .mapToInt(name -> (maxReplicas.get(name) + 1) * (Project.SERVICES.get(name).reactivePoolSize() + 2)).sum();
            int maxConnections = Integer.parseInt(cluster.spec().postgresql().parameters().getOrDefault("max_connections", "100"));
            assertThat(maxConnections).as(where + " max_connections for " + servicesByCluster.get(Rendered.nameOf(cluster)))
                    .isGreaterThanOrEqualTo(needed + 10);
        }
    }

    // --- helpers

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(Rendered.nameOf(deployment) + " containers").hasSize(1);
        assertThat(containers.get(0).getName()).isEqualTo(Rendered.nameOf(deployment));
        return containers.get(0);
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst();
    }

    /** The ConfigMap a Deployment reads through envFrom. */
    static Map<String, String> config(Rendered rendered, Deployment deployment) {
        String name = container(deployment).getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(ref -> ref != null)
                .findFirst().orElseThrow().getName();
        return rendered.get(ConfigMap.class, name).getData();
    }

    /** The CloudNativePG cluster whose generated Secret (<cluster>-app) holds the Deployment's credentials. */
    static Cnpg.Cluster databaseCluster(Rendered rendered, Deployment deployment) {
        String secret = env(container(deployment), "QUARKUS_DATASOURCE_USERNAME").orElseThrow().getValueFrom().getSecretKeyRef().getName();
        return rendered.all(Cnpg.Cluster.class).stream().filter(cluster -> cluster.appSecret().equals(secret)).findFirst()
                .orElseThrow(() -> new AssertionError(rendered.overlay + " " + Rendered.nameOf(deployment) + " reads Secret " + secret
                        + ", which no CloudNativePG Cluster of the overlay creates"));
    }

    static Set<String> databasesOf(Rendered rendered, Cnpg.Cluster cluster) {
        Set<String> databases = new TreeSet<>();
        if (cluster.spec().bootstrap() != null && cluster.spec().bootstrap().initdb() != null) {
            databases.add(cluster.spec().bootstrap().initdb().database());
        }
        rendered.all(Cnpg.Database.class).stream().filter(database -> database.spec().cluster().name().equals(Rendered.nameOf(cluster)))
                .forEach(database -> databases.add(database.spec().name()));
        return databases;
    }

    /** The one listener clients use (the services' KAFKA_BOOTSTRAP_SERVERS). */
    static GenericKafkaListener clientListener(Kafka kafka) {
        assertThat(kafka.getSpec().getKafka().getListeners()).as("Kafka " + Rendered.nameOf(kafka) + ": one client listener").hasSize(1);
        return kafka.getSpec().getKafka().getListeners().get(0);
    }

    static Kafka onlyKafka(Rendered rendered) {
        assertThat(rendered.all(Kafka.class)).as(rendered.overlay + ": one Kafka cluster").hasSize(1);
        return rendered.all(Kafka.class).get(0);
    }

    static int replicasWithRole(List<KafkaNodePool> pools, ProcessRoles role) {
        return pools.stream().filter(pool -> pool.getSpec().getRoles().contains(role)).mapToInt(pool -> pool.getSpec().getReplicas()).sum();
    }

    static void assertProbe(String where, Probe probe, String path, int port) {
        assertThat(probe).as(where).isNotNull();
        assertThat(probe.getHttpGet()).as(where + " httpGet").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(where + " path").isEqualTo(path);
        assertThat(asInt(probe.getHttpGet().getPort())).as(where + " port").isEqualTo(port);
        assertThat(probe.getPeriodSeconds()).as(where + " period").isPositive();
    }

    static int asInt(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal() : Integer.parseInt(value.getStrVal());
    }

    static int number(Object value) {
        assertThat(value).as("a number").isNotNull();
        return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString());
    }
}
