package io.animalhospital.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ViewportSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One test's story: its actors (each a browser context), the stack, and the numbered screenshots of its steps in
 * {@code target/screenshots/<test>/<nn>-<actor>-<step>.png}.
 */
final class Story implements AutoCloseable {

    static final double TIMEOUT_MS = 20_000;

    final E2EStack stack;
    private final Browser browser;
    private final Path screenshots;
    private final List<Actor> actors = new ArrayList<>();
    private int step;

    Story(E2EStack stack, Browser browser, Path screenshots) {
        this.stack = stack;
        this.browser = browser;
        this.screenshots = screenshots;
        try {
            if (Files.exists(screenshots)) {
                try (var old = Files.list(screenshots)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A person at a desktop browser whose preferred language is {@code locale} (Accept-Language). */
    Actor actor(String name, String locale) {
        return actor(name, locale, new ViewportSize(1280, 900));
    }

    Actor actor(String name, String locale, ViewportSize viewport) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setLocale(locale)
                .setTimezoneId("Asia/Seoul")
                .setViewportSize(viewport));
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        Actor actor = new Actor(name, context, this);
        actors.add(actor);
        return actor;
    }

    synchronized void shot(Actor actor, String name) {
        step++;
        Path file = screenshots.resolve(String.format("%02d-%s-%s.png", step, actor.name, name));
        actor.page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    }

    /** What each actor saw when the story broke off. */
    void shotsOfFailure() {
        for (Actor actor : actors) {
            try {
                if (!actor.page.isClosed()) {
                    shot(actor, "FAILED");
                }
            } catch (RuntimeException e) {
                E2EStack.log("no failure screenshot of " + actor.name + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        for (Actor actor : actors) {
            try {
                actor.context.close();
            } catch (RuntimeException e) {
                E2EStack.log("closing " + actor.name + "'s browser context: " + e.getMessage());
            }
        }
    }
}
