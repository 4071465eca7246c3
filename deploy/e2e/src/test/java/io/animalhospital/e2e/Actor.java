package io.animalhospital.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** One person at their own browser: a context of its own (cookies, session), one page, their screenshots. */
final class Actor {

    final String name;
    final BrowserContext context;
    final Page page;
    private final Story story;

    Actor(String name, BrowserContext context, Story story) {
        this.name = name;
        this.context = context;
        this.page = context.newPage();
        this.story = story;
    }

    /** A screenshot of this actor's page as the story's next step. */
    void shot(String step) {
        story.shot(this, step);
    }

    /** An element by its stable test hook ({@code data-test}). */
    Locator hook(String name) {
        return page.locator("[data-test=\"" + name + "\"]");
    }

    Locator hook(Locator within, String name) {
        return within.locator("[data-test=\"" + name + "\"]");
    }

    /** Marks the page; {@link #samePage()} tells whether it is still that page (no navigation, no reload). */
    void markPage() {
        page.evaluate("() => { window.__e2ePage = 'unchanged'; }");
    }

    boolean samePage() {
        return "unchanged".equals(page.evaluate("() => window.__e2ePage"));
    }

    /**
     * For what a page shows on loading but need not push live (a bill issued a moment after the treatment):
     * the check, retried on a fresh load of the page until it holds or {@code timeout} has passed.
     */
    void untilShownAfterReload(Runnable check, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(3_000);
            try {
                check.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                page.reload();
            } finally {
                com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(Story.TIMEOUT_MS);
            }
        }
    }

    /** On Keycloak's sign-in page (a protected page was asked for): signs in; elsewhere nothing. */
    void signInIfAsked(String username, String password) {
        page.waitForLoadState();
        if (page.locator("#kc-form-login").count() > 0) {
            KeycloakPages.signIn(page, username, password);
        }
    }
}
