package io.animalhospital.infra;

import java.lang.annotation.Annotation;
import java.util.Set;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the build's shared Keycloak ({@link SharedIdentity}) as soon as a module's test plan is known, beside the
 * Quarkus build of its first test instead of after it: that start is the longest part of the first module's set-up
 * (decision 0085). Only for a plan with Quarkus tests; a failure here is left to the test resource, which starts it
 * again and reports it. Registered for JUnit's launcher in {@code META-INF/services}.
 */
public final class SharedIdentityWarmUp implements TestExecutionListener {

    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!hasQuarkusTests(plan)) {
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

    private static boolean hasQuarkusTests(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            Set<TestIdentifier> descendants = plan.getDescendants(root);
            for (TestIdentifier test : descendants) {
                TestSource source = test.getSource().orElse(null);
                if (source instanceof ClassSource classSource && isQuarkusTest(classSource)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isQuarkusTest(ClassSource source) {
        try {
            for (Annotation annotation : source.getJavaClass().getAnnotations()) {
                if (annotation.annotationType().getName().equals(QUARKUS_TEST)) {
                    return true;
                }
            }
        } catch (RuntimeException | LinkageError notLoadable) {
            // Not a class this JVM can load as it is: not ours to warm up for.
        }
        return false;
    }
}
