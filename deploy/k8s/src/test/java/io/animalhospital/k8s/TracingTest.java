package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traces on Kubernetes (issue 19, decision 0091): every service sends its spans over OTLP to the overlay's
 * OpenTelemetry Collector, a pinned image that receives OTLP gRPC on 4317 and exports to Zipkin in dev and to an
 * OTLP backend in prod. Who may talk to the collector is NetworkPolicyTest's.
 */
class TracingTest {

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceSendsItsSpansToTheCollector(String overlay) throws IOException {
        Rendered rendered = Kustomize.overlay(overlay);
        Service collectorService = rendered.get(Service.class, "otel-collector");
        assertThat(collectorService.getSpec().getPorts()).as(overlay + " collector Service")
                .anyMatch(port -> port.getPort() == 4317 && port.getTargetPort().getIntVal() == 4317);
        for (Deployment deployment : rendered.services()) {
            Map<String, String> config = OverlaysTest.config(rendered, deployment);
            String where = overlay + " " + Rendered.nameOf(deployment);
            assertThat(config).as(where).containsEntry("HOSPITAL_TRACING_EXPORTER", "otlp")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317");
        }

        Deployment collector = rendered.get(Deployment.class, "otel-collector");
        Container container = OverlaysTest.container(collector);
        assertThat(container.getImage()).as(overlay + " collector image, pinned")
                .matches("otel/opentelemetry-collector-contrib:\\d+\\.\\d+\\.\\d+");
        assertThat(container.getResources().getLimits()).as(overlay + " collector memory limit").containsKey("memory");
        assertThat(collector.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        String volume = collector.getSpec().getTemplate().getSpec().getVolumes().get(0).getConfigMap().getName();
        ConfigMap configMap = rendered.get(ConfigMap.class, volume);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = Rendered.YAML.readValue(configMap.getData().get("collector.yaml"), Map.class);
        assertThat(container.getArgs()).as(overlay + " collector config file").contains("--config=/etc/otel-collector/collector.yaml");

        assertThat(path(config, "receivers", "otlp", "protocols", "grpc", "endpoint")).isEqualTo("0.0.0.0:4317");
        @SuppressWarnings("unchecked")
        List<String> exporters = (List<String>) path(config, "service", "pipelines", "traces", "exporters");
        assertThat(path(config, "service", "pipelines", "traces", "receivers")).isEqualTo(List.of("otlp"));
        if (overlay.equals("dev")) {
            assertThat(exporters).containsExactly("zipkin");
            assertThat(path(config, "exporters", "zipkin", "endpoint")).isEqualTo("http://zipkin:9411/api/v2/spans");
            Deployment zipkin = rendered.get(Deployment.class, "zipkin");
            assertThat(OverlaysTest.container(zipkin).getImage()).matches("openzipkin/zipkin:\\d+\\.\\d+\\.\\d+");
            assertThat(rendered.get(Service.class, "zipkin").getSpec().getPorts().get(0).getPort()).isEqualTo(9411);
        } else {
            assertThat(exporters).containsExactly("otlp");
            assertThat((String) path(config, "exporters", "otlp", "endpoint")).as("prod's trace backend (a placeholder)")
                    .endsWith(":4317");
            assertThat(rendered.find(Deployment.class, "zipkin")).as("no Zipkin in prod").isEmpty();
        }
    }

    private static Object path(Map<String, Object> map, String... keys) {
        Object value = map;
        for (String key : keys) {
            assertThat(value).as("collector config at " + key).isInstanceOf(Map.class);
            value = ((Map<?, ?>) value).get(key);
        }
        return value;
    }
}
