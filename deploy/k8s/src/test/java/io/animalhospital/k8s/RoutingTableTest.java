package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.animalhospital.infra.RoutingTable;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kubernetes HTTPRoute routes exactly what the local entry point routes (SPEC §8: one routing table):
 * deploy/infra's {@code entry-point/routes.properties} is the table; every overlay's rendered route must give each
 * of its prefixes to the same service, answer its redirects the same way and route nothing it never routes.
 * Keycloak's sign-in paths are the route's only addition (locally Keycloak keeps its own port).
 */
class RoutingTableTest {

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    static RoutingTable table() {
        return RoutingTable.load(tableFile());
    }

    static Path tableFile() {
        return Project.root().resolve("deploy/infra/src/main/resources/" + RoutingTable.RESOURCE);
    }

    /** A rule the Gateway answers itself with a redirect. */
    static boolean isRedirect(HTTPRouteRule rule) {
        return rule.getFilters() != null && rule.getFilters().stream()
                .anyMatch(filter -> "RequestRedirect".equals(filter.getType()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRouteSendsEveryPrefixOfTheTableToTheSameService(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        String keycloak = KeycloakTest.onlyKeycloak(rendered).serviceName();
        Map<String, String> routed = new TreeMap<>();
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                if (isRedirect(rule) || rule.getBackendRefs().get(0).getName().equals(keycloak)) {
                    continue;
                }
                for (HTTPRouteMatch match : rule.getMatches()) {
                    assertThat(match.getPath().getType()).as(overlay + " " + match.getPath().getValue())
                            .isEqualTo("PathPrefix");
                    routed.put(match.getPath().getValue(), rule.getBackendRefs().get(0).getName());
                }
            }
        }
        Map<String, String> table = new TreeMap<>();
        table().forwards().forEach(forward -> table.put(forward.path(), forward.service()));

        assertThat(routed).as(overlay + ": the HTTPRoute's service paths against " + tableFile()).isEqualTo(table);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRouteAnswersTheTablesRedirectsTheSameWay(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        Map<String, String> redirects = new TreeMap<>();
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                if (!isRedirect(rule)) {
                    continue;
                }
                HTTPRouteFilter filter = rule.getFilters().get(0);
                assertThat(rule.getFilters()).as(overlay + ": a redirect rule does nothing else").hasSize(1);
                assertThat(filter.getRequestRedirect().getStatusCode()).as(overlay + " redirect status").isEqualTo(302);
                assertThat(filter.getRequestRedirect().getPath().getType()).isEqualTo("ReplaceFullPath");
                for (HTTPRouteMatch match : rule.getMatches()) {
                    assertThat(match.getPath().getType()).as(overlay + ": a redirect matches one exact path")
                            .isEqualTo("Exact");
                    redirects.put(match.getPath().getValue(), filter.getRequestRedirect().getPath().getReplaceFullPath());
                }
            }
        }
        Map<String, String> table = new TreeMap<>();
        table().routes().stream().filter(RoutingTable.Redirect.class::isInstance).map(RoutingTable.Redirect.class::cast)
                .forEach(redirect -> table.put(redirect.path(), redirect.location()));

        assertThat(redirects).as(overlay + ": the HTTPRoute's redirects against " + tableFile()).isEqualTo(table);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void nothingTheTableNeverRoutesIsRouted(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        List<String> prefixes = new ArrayList<>();
        for (HTTPRoute route : rendered.all(HTTPRoute.class)) {
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                if (!isRedirect(rule)) {
                    rule.getMatches().forEach(match -> prefixes.add(match.getPath().getValue()));
                }
            }
        }
        List<String> never = table().routes().stream().filter(RoutingTable.Never.class::isInstance)
                .map(RoutingTable.Route::path).toList();
        assertThat(never).as("the table's never-routed prefixes").contains("/q", "/admin");
        for (String path : never) {
            for (String under : List.of(path, path + "/anything")) {
                assertThat(prefixes).as(overlay + ": %s is not routed", under)
                        .noneMatch(prefix -> OverlaysTest.routes(prefix, under));
            }
            // Nor a prefix inside it (e.g. /q/health).
            assertThat(prefixes).as(overlay + ": nothing under %s is routed", path)
                    .noneMatch(prefix -> OverlaysTest.routes(path, prefix));
        }
    }
}
