package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kustomize cannot read outside its root, so deploy/k8s/base/services holds a copy of what quarkus-kubernetes
 * generates for each service. This keeps the copy honest: it must equal the build output of the same reactor run.
 */
class GeneratedManifestsTest {

    static Stream<String> services() {
        return Project.SERVICES.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("services")
    void committedCopyEqualsWhatTheServiceBuildGenerates(String name) throws IOException {
        Project.Service service = Project.SERVICES.get(name);
        Path generated = service.generatedManifest();
        assertThat(generated)
                .as("%s is missing: build the service first (the root ./mvnw verify does; alone: ./mvnw -pl %s package -DskipTests)",
                        generated, name)
                .exists();
        List<Map<String, Object>> expected = comparable(Rendered.documents(Files.readString(generated)));
        List<Map<String, Object>> committed = comparable(Rendered.documents(Files.readString(service.committedManifest())));
        assertThat(committed)
                .as("deploy/k8s/base/services/%s.yml differs from %s; run deploy/k8s/refresh and commit the copy", name, generated)
                .isEqualTo(expected);
    }

    /**
     * The image is set per build (-Dquarkus.container-image.*) and per overlay (kustomize images:), so it is not
     * compared; the generator emits env entries in no stable order, so they are compared by name.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> comparable(List<Map<String, Object>> documents) {
        for (Map<String, Object> document : documents) {
            if ("Deployment".equals(document.get("kind"))) {
                Map<String, Object> spec = (Map<String, Object>) document.get("spec");
                Map<String, Object> template = (Map<String, Object>) spec.get("template");
                Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
                for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
                    container.remove("image");
                    List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
                    if (env != null) {
                        env.sort(Comparator.comparing(variable -> String.valueOf(variable.get("name"))));
                    }
                }
            }
        }
        return documents;
    }
}
