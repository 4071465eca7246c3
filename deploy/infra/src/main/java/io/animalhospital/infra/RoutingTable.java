package io.animalhospital.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The entry point's routing table, {@value #RESOURCE}: path prefixes to services, exact paths to redirects, and
 * prefixes that are never routed. Only JDK classes, so that deploy/k8s's test can read it beside the HTTPRoute.
 */
public final class RoutingTable {

    public static final String RESOURCE = "entry-point/routes.properties";

    /** One line of the table. */
    public sealed interface Route permits Forward, Redirect, Never {
        String path();
    }

    /** Every path equal to {@code path} or under it goes to {@code service} (e.g. {@code reservation-service}). */
    public record Forward(String path, String service) implements Route {
    }

    /** Exactly {@code path} answers 302 with {@code location}. */
    public record Redirect(String path, String location) implements Route {
    }

    /** {@code path} and everything under it is never routed. */
    public record Never(String path) implements Route {
    }

    private final List<Route> routes;

    private RoutingTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The table on the classpath (deploy/infra's resources). */
    public static RoutingTable load() {
        try (InputStream in = RoutingTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from deploy/infra's resources");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table in a file (deploy/k8s reads the source file). */
    public static RoutingTable load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RoutingTable parse(String text) {
        Properties properties = new Properties();
        try (Reader reader = new StringReader(text)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Route> routes = new ArrayList<>();
        for (String path : properties.stringPropertyNames()) {
            if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
                throw new IllegalArgumentException("routing table: '" + path + "' must start and not end with '/'");
            }
            String target = properties.getProperty(path).trim();
            if (target.equals("never")) {
                routes.add(new Never(path));
            } else if (target.startsWith("redirect ")) {
                routes.add(new Redirect(path, target.substring("redirect ".length()).trim()));
            } else if (target.matches("[a-z][a-z-]*-service")) {
                if (path.equals("/")) {
                    throw new IllegalArgumentException("routing table: '/' would route every path to " + target);
                }
                routes.add(new Forward(path, target));
            } else {
                throw new IllegalArgumentException("routing table: '" + path + " = " + target
                        + "' is neither '<name>-service', 'redirect <location>' nor 'never'");
            }
        }
        routes.sort(Comparator.comparing(Route::path));
        return new RoutingTable(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    public List<Forward> forwards() {
        return routes.stream().filter(Forward.class::isInstance).map(Forward.class::cast).toList();
    }

    /**
     * Where a request path goes: a {@link Never} prefix first, then an exact redirect, then the longest
     * {@link Forward} prefix matching whole segments. Empty when nothing matches (404).
     */
    public Optional<Route> resolve(String path) {
        for (Route route : routes) {
            if (route instanceof Never && covers(route.path(), path)) {
                return Optional.of(route);
            }
        }
        for (Route route : routes) {
            if (route instanceof Redirect && route.path().equals(path)) {
                return Optional.of(route);
            }
        }
        return forwards().stream().filter(f -> covers(f.path(), path))
                .max(Comparator.comparingInt(f -> f.path().length())).map(Route.class::cast);
    }

    /** Whether {@code prefix} matches {@code path} in whole segments (the Gateway API's PathPrefix). */
    static boolean covers(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /**
     * Whether a raw request path could reach another route than it seems to after a backend normalises it: dot
     * segments, encoded dots, slashes or backslashes, backslashes (e.g. {@code /app/..%2Fq/metrics}). Browsers
     * never send these; the entry point refuses them.
     */
    public static boolean ambiguous(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
            return true;
        }
        for (String segment : rawPath.split("/", -1)) {
            String bare = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (bare.equals(".") || bare.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
