package io.animalhospital.e2e;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A browser test: one stack and one Chromium for the whole run (started by the first test, stopped when the run
 * ends), a {@link Story} per test method, screenshots of every actor when a test fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(E2E.Extension.class)
@Tag("e2e")
public @interface E2E {

    final class Extension implements BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(E2E.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            ExtensionContext.Store run = context.getRoot().getStore(NAMESPACE);
            // The browser first: a missing Chromium fails at once, before a minute of stack start-up. A start
            // that failed is not tried again by the next test class: each fails with the first one's cause.
            run.computeIfAbsent(Chromium.class, key -> Attempt.of(() -> {
                PlaywrightAssertions.setDefaultAssertionTimeout(Story.TIMEOUT_MS);
                return Chromium.launch();
            }), Attempt.class).get();
            run.computeIfAbsent(E2EStack.class, key -> Attempt.of(E2EStack::start), Attempt.class).get();
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Story.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext.Store run = context.getRoot().getStore(NAMESPACE);
            String test = context.getRequiredTestClass().getSimpleName() + "."
                    + context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("story");
            Path screenshots = Path.of(System.getProperty("e2e.screenshots", "target/screenshots")).resolve(test);
            E2EStack stack = (E2EStack) run.get(E2EStack.class, Attempt.class).get();
            Chromium chromium = (Chromium) run.get(Chromium.class, Attempt.class).get();
            Story story = new Story(stack, chromium.browser, screenshots);
            // Closed (its browser contexts with it) when the test method ends.
            context.getStore(NAMESPACE).put(Story.class, story);
            return story;
        }

        /** What a start gave: the thing (closed with the run) or the failure, kept for every later test class. */
        private record Attempt(AutoCloseable value, RuntimeException failure) implements AutoCloseable {

            static Attempt of(java.util.function.Supplier<? extends AutoCloseable> start) {
                try {
                    return new Attempt(start.get(), null);
                } catch (RuntimeException e) {
                    return new Attempt(null, e);
                }
            }

            Object get() {
                if (failure != null) {
                    throw failure;
                }
                return value;
            }

            @Override
            public void close() throws Exception {
                if (value != null) {
                    value.close();
                }
            }
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            Story story = context.getStore(NAMESPACE).get(Story.class, Story.class);
            if (story != null && context.getExecutionException().isPresent()) {
                story.shotsOfFailure();
            }
        }
    }
}
