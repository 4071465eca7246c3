package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 7 on Kafka: each service logs in with its own credentials and may touch only its own topics. Every
 * service has a KafkaUser whose ACLs are exactly what its configuration writes and reads, the brokers enforce them
 * (authentication on every listener, simple authorization), and each Deployment logs in as its own user over TLS.
 */
class KafkaUsersTest {

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    /**
     * One permission, as Kafka checks it. Only literal names: a prefix or wildcard would reach topics the
     * configuration does not name.
     */
    record Permission(String resource, String name, String operation) implements Comparable<Permission> {
        @Override
        public int compareTo(Permission other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return operation + " " + resource + " " + name;
        }
    }

    /** What the service's application.properties (+ application-prod.properties) uses, and nothing more. */
    static Set<Permission> needed(Project.Service service) {
        Set<Permission> permissions = new TreeSet<>();
        // The outbox relay and the dead-letter producers write; Write includes Describe.
        service.producedTopics().forEach(topic -> permissions.add(new Permission("topic", topic, "Write")));
        service.deadLetterTopics().forEach(topic -> permissions.add(new Permission("topic", topic, "Write")));
        // The administrator's dead-letter list and replay read them, without a consumer group.
        service.deadLetterTopics().forEach(topic -> permissions.add(new Permission("topic", topic, "Read")));
        // The consumers read their topics and commit offsets in their group; Read includes Describe.
        service.consumedTopics().forEach(topic -> permissions.add(new Permission("topic", topic, "Read")));
        service.consumerGroups().forEach(group -> permissions.add(new Permission("group", group, "Read")));
        return permissions;
    }

    static Set<Permission> granted(KafkaUser user) {
        String where = "KafkaUser " + Rendered.nameOf(user);
        assertThat(user.getSpec().getAuthorization()).as(where + " authorization").isInstanceOf(KafkaUserAuthorizationSimple.class);
        Set<Permission> permissions = new TreeSet<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            assertThat(rule.getType()).as(where + ": allow rules only").isIn(null, AclRuleType.ALLOW);
            assertThat(rule.getHost()).as(where + " host").isIn(null, "*");
            String resource;
            String name;
            AclResourcePatternType pattern;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                resource = "topic";
                name = topic.getName();
                pattern = topic.getPatternType();
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                resource = "group";
                name = group.getName();
                pattern = group.getPatternType();
            } else {
                throw new AssertionError(where + ": an ACL on " + rule.getResource().getType()
                        + " (the services need none on the cluster or on transactional ids)");
            }
            assertThat(pattern).as(where + " " + resource + " " + name + ": literal names only").isIn(null, AclResourcePatternType.LITERAL);
            assertThat(rule.getOperations()).as(where + " " + resource + " " + name + " operations").isNotEmpty();
            for (AclOperation operation : rule.getOperations()) {
                permissions.add(new Permission(resource, name, operation.toValue()));
            }
        }
        return permissions;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasAKafkaUserAllowedExactlyWhatItsConfigurationWritesAndReads(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Kafka kafka = OverlaysTest.onlyKafka(rendered);
        assertThat(rendered.all(KafkaUser.class)).extracting(Rendered::nameOf).as(overlay + ": a KafkaUser per service, no other")
                .containsExactlyInAnyOrderElementsOf(Project.SERVICES.keySet());
        for (Project.Service service : Project.SERVICES.values()) {
            KafkaUser user = rendered.get(KafkaUser.class, service.name());
            String where = overlay + " KafkaUser " + service.name();
            assertThat(Rendered.labelsOf(user)).as(where + " cluster").containsEntry("strimzi.io/cluster", Rendered.nameOf(kafka));
            assertThat(user.getSpec().getAuthentication()).as(where + " authentication")
                    .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            assertThat(granted(user)).as(where + ": ACLs = what %s's configuration writes and reads", service.name())
                    .containsExactlyElementsOf(needed(service));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theBrokersAuthenticateEveryClientAndEnforceTheAcls(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Kafka kafka = OverlaysTest.onlyKafka(rendered);
        String where = overlay + " Kafka " + Rendered.nameOf(kafka);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).as(where + ": ACLs enforced").isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(((KafkaAuthorizationSimple) kafka.getSpec().getKafka().getAuthorization()).getSuperUsers())
                .as(where + ": no super users besides Strimzi's own").isNullOrEmpty();
        for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
            assertThat(listener.getAuth()).as(where + " listener " + listener.getName() + ": no anonymous clients")
                    .isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
            assertThat(listener.isTls()).as(where + " listener " + listener.getName() + ": TLS").isTrue();
        }
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).as(where + ": the user operator makes the KafkaUsers").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceLogsInAsItsOwnUserOverTls(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Kafka kafka = OverlaysTest.onlyKafka(rendered);
        String caSecret = Rendered.nameOf(kafka) + "-cluster-ca-cert";
        for (Deployment deployment : rendered.services()) {
            String name = Rendered.nameOf(deployment);
            String where = overlay + " " + name;
            Container container = OverlaysTest.container(deployment);
            Map<String, String> config = OverlaysTest.config(rendered, deployment);
            assertThat(literal(container, config, "KAFKA_SECURITY_PROTOCOL")).as(where).isEqualTo("SASL_SSL");
            assertThat(literal(container, config, "KAFKA_SASL_MECHANISM")).as(where).isEqualTo("SCRAM-SHA-512");

            EnvVar jaas = OverlaysTest.env(container, "KAFKA_SASL_JAAS_CONFIG")
                    .orElseThrow(() -> new AssertionError(where + " has no KAFKA_SASL_JAAS_CONFIG"));
            SecretKeySelector login = jaas.getValueFrom() == null ? null : jaas.getValueFrom().getSecretKeyRef();
            assertThat(login).as(where + ": the Kafka login comes from a Secret").isNotNull();
            // Strimzi names the Secret after the KafkaUser: this pins the Deployment to its own user.
            assertThat(login.getName()).as(where + ": logs in as its own KafkaUser").isEqualTo(name);
            assertThat(rendered.find(KafkaUser.class, login.getName())).as(where + ": KafkaUser " + login.getName()).isPresent();
            assertThat(login.getKey()).as(where + " JAAS key of Strimzi's Secret").isEqualTo("sasl.jaas.config");

            // The trust store is the cluster CA's certificate, mounted from Strimzi's Secret and readable by the user.
            assertThat(literal(container, config, "KAFKA_SSL_TRUSTSTORE_TYPE")).as(where).isEqualTo("PEM");
            String truststore = literal(container, config, "KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertThat(truststore).as(where + " KAFKA_SSL_TRUSTSTORE_LOCATION").isNotNull();
            VolumeMount mount = container.getVolumeMounts().stream()
                    .filter(candidate -> truststore.equals(candidate.getMountPath() + "/ca.crt")).findFirst()
                    .orElseThrow(() -> new AssertionError(where + ": no volume mounted where " + truststore + " is"));
            Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getSecret()).as(where + " volume " + volume.getName()).isNotNull();
            assertThat(volume.getSecret().getSecretName()).as(where + ": the cluster CA of " + Rendered.nameOf(kafka)).isEqualTo(caSecret);
            assertThat(volume.getSecret().getDefaultMode() & 04).as(where + ": the CA readable by the non-root user").isNotZero();
        }
    }

    /** A plain setting of the container: its env (a literal value) or its ConfigMap. */
    private static String literal(Container container, Map<String, String> config, String name) {
        return OverlaysTest.env(container, name).map(EnvVar::getValue).orElse(config.get(name));
    }
}
