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
            // The browser first: a missing Chromium fails at once, before a minute of stack start-up.
            run.computeIfAbsent(Chromium.class, key -> {
                PlaywrightAssertions.setDefaultAssertionTimeout(Story.TIMEOUT_MS);
                return Chromium.launch();
            }, Chromium.class);
            run.computeIfAbsent(E2EStack.class, key -> E2EStack.start(), E2EStack.class);
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
            Story story = new Story(run.get(E2EStack.class, E2EStack.class), run.get(Chromium.class, Chromium.class).browser,
                    screenshots);
            // Closed (its browser contexts with it) when the test method ends.
            context.getStore(NAMESPACE).put(Story.class, story);
            return story;
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
