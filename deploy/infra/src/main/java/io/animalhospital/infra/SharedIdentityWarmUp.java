package io.animalhospital.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the build's shared Keycloak ({@link SharedIdentity}) when a module's test JVM opens its JUnit session,
 * beside the Quarkus build of the tests (done while JUnit discovers them) instead of after it: that start is the
 * longest part of the first module's set-up (decision 0085). Only in a module with Quarkus tests (a compiled test
 * class names {@code @QuarkusTest}); a failure here is left to the test resource, which starts it again and reports
 * it. Registered for JUnit's launcher in {@code META-INF/services}.
 */
public final class SharedIdentityWarmUp implements LauncherSessionListener {

    private static final byte[] QUARKUS_TEST = "Lio/quarkus/test/junit/QuarkusTest;".getBytes(StandardCharsets.UTF_8);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!hasQuarkusTests(Path.of(System.getProperty("basedir", "."), "target", "test-classes"))) {
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                SharedIdentity.ofThisBuild();
            } catch (RuntimeException e) {
                // The test resource asks again and reports what went wrong.
            }
        }, "shared-identity-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static boolean hasQuarkusTests(Path testClasses) {
        if (!Files.isDirectory(testClasses)) {
            return false;
        }
        try (Stream<Path> classes = Files.walk(testClasses)) {
            return classes.filter(p -> p.toString().endsWith(".class")).anyMatch(SharedIdentityWarmUp::namesQuarkusTest);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean namesQuarkusTest(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i <= bytes.length - QUARKUS_TEST.length; i++) {
                for (int j = 0; j < QUARKUS_TEST.length; j++) {
                    if (bytes[i + j] != QUARKUS_TEST[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
