package io.animalhospital.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, one browser for the whole run (each actor gets a context of its own).
 * Playwright's own browser download is never used: this machine's network reaches no browser build.
 */
final class Chromium implements AutoCloseable {

    /**
     * The flags known to work here: without the background-networking ones Chromium's connections to Google's
     * hosts are refused by the closed network at every start.
     */
    static final List<String> FLAGS = List.of("--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** The executable, or a failure that says how to get it: the tests never skip for want of a browser. */
    static Path executable() {
        Path chromium = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("The browser tests need Chromium at " + chromium + ", which is missing. "
                    + "Install it with `apt-get install -y chromium` (Debian; root), or name another Chromium with "
                    + "-De2e.chromium=/path/to/chromium.");
        }
        return chromium;
    }

    static Chromium launch() {
        Path executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setChromiumSandbox(false)
                    .setArgs(FLAGS));
            E2EStack.log("Chromium " + browser.version() + " (" + executable + ")");
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw new IllegalStateException("Chromium at " + executable + " did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
