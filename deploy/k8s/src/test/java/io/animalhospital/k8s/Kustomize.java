package io.animalhospital.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Renders an overlay with {@code kubectl kustomize}, the same code path as {@code kubectl apply -k}. */
final class Kustomize {

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    static Rendered overlay(String name) {
        return RENDERED.computeIfAbsent(name, overlay -> Rendered.parse(overlay, render(Project.k8s().resolve("overlays/" + overlay))));
    }

    static String render(Path directory) {
        Path kubectl = kubectl();
        Path stderr = null;
        try {
            stderr = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            // Read before waiting: a full pipe would otherwise stall kubectl.
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(stderr));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + " kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        } finally {
            if (stderr != null) {
                stderr.toFile().delete();
            }
        }
    }

    /**
     * kubectl from $KUBECTL, the PATH or /usr/bin. Missing kubectl fails the build: without it nothing here is
     * validated, and a green build must not pretend otherwise.
     */
    static Path kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new AssertionError("KUBECTL=" + configured + " is not an executable file");
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(pathVariable.split(java.io.File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", List.of(
                        "",
                        "************************************************************************************",
                        "* kubectl NOT FOUND: the Kubernetes overlays under deploy/k8s cannot be rendered, so *",
                        "* they are NOT validated. Install kubectl (it bundles kustomize) or point $KUBECTL   *",
                        "* at it. PATH was: " + pathVariable,
                        "************************************************************************************"))));
    }
}
