package io.animalhospital.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects of one rendered overlay, each read into a typed model. A kind without a model fails, and so does
 * any field the model does not know: fabric8 and Strimzi models keep unknown fields in additionalProperties
 * instead of rejecting them, so every object graph is walked and those maps must be empty.
 */
final class Rendered {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper MODELS = JsonMapper.builder().build();
    /** The records of {@link OwnResource} models are our own: they reject what they do not declare. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, Class<?>> MODEL = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("gateway.networking.k8s.io/v1/Gateway", Gateway.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("k8s.keycloak.org/v2alpha1/Keycloak", KeycloakOperator.Keycloak.class),
            Map.entry("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", KeycloakOperator.RealmImport.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", Cnpg.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", Cnpg.Database.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    final String overlay;
    final String yaml;
    private final List<Object> objects;

    private Rendered(String overlay, String yaml, List<Object> objects) {
        this.overlay = overlay;
        this.yaml = yaml;
        this.objects = objects;
    }

    static Rendered parse(String overlay, String yaml) {
        List<String> problems = new ArrayList<>();
        List<Object> objects = new ArrayList<>();
        for (Map<String, Object> document : documents(yaml)) {
            String id = document.get("apiVersion") + "/" + document.get("kind");
            String where = id + " " + name(document);
            Class<?> type = MODEL.get(id);
            if (type == null) {
                problems.add(where + ": no typed model for this apiVersion/kind (add one to Rendered.MODEL)");
                continue;
            }
            try {
                Object typed = (type.getName().startsWith("io.animalhospital.") ? STRICT : MODELS).convertValue(document, type);
                unknownFields(typed, where, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
                objects.add(typed);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": does not fit " + type.getSimpleName() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("overlay " + overlay + " renders objects that do not fit their schema:\n  "
                    + String.join("\n  ", problems));
        }
        return new Rendered(overlay, yaml, List.copyOf(objects));
    }

    static List<Map<String, Object>> documents(String yaml) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : YAML.readerFor(Map.class).readValues(yaml).readAll()) {
                if (document != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) document;
                    documents.add(map);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
    }

    private static String name(Map<String, Object> document) {
        Object metadata = document.get("metadata");
        return metadata instanceof Map<?, ?> map ? String.valueOf(map.get("name")) : "<no metadata>";
    }

    /** The tracing Deployments of the overlays (components/otel-collector, dev's Zipkin): not services. */
    static final Set<String> TRACING = Set.of("otel-collector", "zipkin");

    /** The five services' Deployments (the others are {@link #TRACING}'s). */
    List<Deployment> services() {
        return all(Deployment.class).stream()
                .filter(deployment -> Project.SERVICES.containsKey(nameOf(deployment))).toList();
    }

    <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> name.equals(nameOf(object))).findFirst();
    }

    <T> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "overlay " + overlay + " has no " + type.getSimpleName() + " named " + name));
    }

    List<Object> all() {
        return objects;
    }

    static String nameOf(Object object) {
        if (object instanceof HasMetadata resource) {
            return resource.getMetadata().getName();
        }
        if (object instanceof OwnResource resource) {
            return resource.metadata().getName();
        }
        throw new IllegalArgumentException("not a resource: " + object);
    }

    static String kindOf(Object object) {
        if (object instanceof HasMetadata resource) {
            return resource.getKind();
        }
        if (object instanceof OwnResource resource) {
            return resource.kind();
        }
        throw new IllegalArgumentException("not a resource: " + object);
    }

    static Map<String, String> labelsOf(Object object) {
        Map<String, String> labels = object instanceof HasMetadata resource ? resource.getMetadata().getLabels()
                : ((OwnResource) object).metadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** Walks a typed object graph; every additionalProperties map met on the way is a field the schema lacks. */
    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> unknownFields(entry, path + "." + key, problems, seen));
            return;
        }
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                unknownFields(element, path + "[" + index++ + "]", problems, seen);
            }
            return;
        }
        Class<?> type = value.getClass();
        String typeName = type.getName();
        boolean model = typeName.startsWith("io.fabric8.") || typeName.startsWith("io.strimzi.") || typeName.startsWith("io.animalhospital.");
        if (!model || !seen.add(value)) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                unknownFields(invoke(component.getAccessor(), value), path + "." + component.getName(), problems, seen);
            }
            return;
        }
        for (Method getter : type.getMethods()) {
            String name = getter.getName();
            boolean isGetter = getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                    && getter.getDeclaringClass() != Object.class
                    && (name.startsWith("get") && name.length() > 3 || name.startsWith("is") && name.length() > 2);
            if (!isGetter) {
                continue;
            }
            Object result = invoke(getter, value);
            if (name.equals("getAdditionalProperties")) {
                if (result instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String property = name.startsWith("get") ? name.substring(3) : name.substring(2);
            unknownFields(result, path + "." + Character.toLowerCase(property.charAt(0)) + property.substring(1), problems, seen);
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
