package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.animalhospital.infra.MetricsCatalog;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Offline validation of deploy/k8s/monitoring (issue 19, decision 0090): the Grafana dashboard parses and every panel
 * queries Prometheus; the dashboard and the alerts use only metrics of the catalog (metrics.txt), whose every
 * entry a module's test finds on a real /q/metrics, so a renamed metric fails on both sides; the rules pass
 * {@code promtool check rules} and their unit tests ({@code promtool test rules}); each alert says how bad it is
 * and links a runbook section that exists; both overlays ship the dashboard to Grafana's sidecar and the rules.
 */
class MonitoringTest {

    static final String PROMTOOL_PACKAGE = "prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL words that are not metric names: operators, modifiers, and functions used without a call (none). */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    static Path monitoring() {
        return Project.k8s().resolve("monitoring");
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(monitoring().resolve("grafana-dashboard.json").toFile());
    }

    static PrometheusRule rules() throws IOException {
        return Rendered.YAML.readValue(monitoring().resolve("prometheus-rules.yaml").toFile(), PrometheusRule.class);
    }

    static List<Rule> alerts() throws IOException {
        return rules().getSpec().getGroups().stream().map(RuleGroup::getRules).flatMap(List::stream).toList();
    }

    @Test
    void theDashboardParsesAndEveryPanelQueriesPrometheus() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("uid").asText()).as("dashboard uid").isNotBlank();
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(variable -> {
            variables.add(variable.path("name").asText());
            if (variable.path("name").asText().equals("datasource")) {
                assertThat(variable.path("type").asText()).as("$datasource is a data source variable").isEqualTo("datasource");
                assertThat(variable.path("query").asText()).as("$datasource lists Prometheus data sources").isEqualTo("prometheus");
            }
        });
        assertThat(variables).as("dashboard variables").contains("datasource", "namespace");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asText();
            titles.add(title);
            assertThat(panel.path("datasource").path("uid").asText()).as(title + ": data source").isEqualTo("${datasource}");
            assertThat(panel.path("targets").size()).as(title + ": targets").isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as(title + ": PromQL of " + target.path("refId").asText()).isNotBlank();
                assertThat(target.path("expr").asText()).as(title + ": the namespace variable").contains("namespace=\"$namespace\"");
            }
        }
        assertThat(titles).as("what the dashboard answers").contains("Placements by outcome",
                "Guarded call to diagnosis-service: p95 latency", "Circuit breaker open (replicas)", "Outbox backlog",
                "Outbox oldest row age", "Consumer lag per group", "Dead letters per topic", "Notifications failed",
                "Live status subscribers");
    }

    @Test
    void theDashboardAndTheAlertsUseOnlyMetricsTheServicesExpose() throws IOException {
        Set<String> catalog = MetricsCatalog.entries().keySet();
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : panels(dashboard())) {
            for (JsonNode target : panel.path("targets")) {
                Set<String> names = metricNames(target.path("expr").asText());
                assertThat(catalog).as("panel '%s': %s uses metrics missing from %s", panel.path("title").asText(),
                        target.path("expr").asText(), MetricsCatalog.FILE).containsAll(names);
                used.addAll(names);
            }
        }
        for (Rule alert : alerts()) {
            Set<String> names = metricNames(alert.getExpr().getStrVal());
            assertThat(names).as(alert.getAlert() + ": a metric at all").isNotEmpty();
            assertThat(catalog).as("alert %s uses metrics missing from %s", alert.getAlert(), MetricsCatalog.FILE).containsAll(names);
            used.addAll(names);
        }
        assertThat(used).as("every catalog entry is used by the dashboard or an alert (else drop it)").containsAll(catalog);
        // Every entry is proven by a module that has a test scraping it.
        assertThat(Set.copyOf(MetricsCatalog.entries().values())).as("modules of the catalog")
                .allMatch(module -> module.equals("platform") || Project.SERVICES.containsKey(module));
    }

    @Test
    void metricNamesAreReadFromPromql() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, method) (rate(ft_timeout_executionDuration_seconds_bucket"
                + "{namespace=\"$namespace\", state=~\"open|x\"}[$__rate_interval])))"))
                .containsExactly("ft_timeout_executionDuration_seconds_bucket");
        assertThat(metricNames("max by (a) (deriv(x_total[10m])) > 0 and max by (a) (y) > 100 unless on (b) z offset 5m"))
                .containsExactlyInAnyOrder("x_total", "y", "z");
    }

    @Test
    void theRulesPassPromtoolAndTheirUnitTests(@TempDir Path work) throws IOException, InterruptedException {
        // promtool reads plain rule files: the PrometheusRule's spec, next to the unit tests that name it.
        Map<?, ?> resource = Rendered.YAML.readValue(monitoring().resolve("prometheus-rules.yaml").toFile(), Map.class);
        Path rules = work.resolve("prometheus-rules.rules.yaml");
        Rendered.YAML.writeValue(rules.toFile(), resource.get("spec"));
        Path tests = Files.copy(monitoring().resolve("prometheus-rules.test.yaml"), work.resolve("prometheus-rules.test.yaml"));

        promtool(work, "check", "rules", rules.getFileName().toString());
        String tested = promtool(work, "test", "rules", tests.getFileName().toString());
        assertThat(tested).contains("SUCCESS");
        // Each alert has unit tests that expect it to fire, and some that expect it not to.
        String unitTests = Files.readString(tests);
        for (Rule alert : alerts()) {
            assertThat(unitTests).as(alert.getAlert() + " has unit tests").contains("alertname: " + alert.getAlert());
        }
    }

    @Test
    void everyAlertSaysHowBadItIsAndWhatToDo() throws IOException {
        String readme = Files.readString(Project.k8s().resolve("README.md"));
        Set<String> anchors = new TreeSet<>();
        for (String line : readme.split("\n")) {
            if (line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
            }
        }
        List<Rule> alerts = alerts();
        assertThat(alerts).extracting(Rule::getAlert).containsExactlyInAnyOrder("BookingCircuitBreakerOpen", "OutboxStuck",
                "ConsumerLagHigh", "ConsumerLagGrowing", "DeadLetterWritten");
        for (Rule alert : alerts) {
            String name = alert.getAlert();
            assertThat(alert.getLabels()).as(name + " severity").containsKey("severity");
            assertThat(alert.getLabels().get("severity")).as(name + " severity").isIn("critical", "warning");
            assertThat(alert.getAnnotations()).as(name + " annotations").containsKeys("summary", "description", "runbook_url");
            String runbook = alert.getAnnotations().get("runbook_url");
            assertThat(runbook).as(name + " runbook").startsWith("deploy/k8s/README.md#");
            assertThat(anchors).as(name + ": the runbook section " + runbook + " exists in deploy/k8s/README.md")
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
            assertThat(alert.getAnnotations().get("description")).as(name + " description links its runbook").contains(runbook);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlaysShipTheDashboardToGrafanaAndTheRulesToPrometheus(String overlay) throws IOException {
        Rendered rendered = Kustomize.overlay(overlay);
        List<ConfigMap> dashboards = rendered.all(ConfigMap.class).stream()
                .filter(configMap -> "1".equals(Rendered.labelsOf(configMap).get("grafana_dashboard"))).toList();
        assertThat(dashboards).as(overlay + ": one ConfigMap for Grafana's dashboard sidecar").hasSize(1);
        Map<String, String> data = dashboards.get(0).getData();
        assertThat(data).as(overlay + " dashboard ConfigMap").hasSize(1);
        String key = data.keySet().iterator().next();
        assertThat(key).endsWith(".json");
        assertThat(JSON.readTree(data.get(key))).as(overlay + ": the dashboard as committed").isEqualTo(dashboard());
        assertThat(rendered.all(PrometheusRule.class)).as(overlay + " PrometheusRule").hasSize(1);
        assertThat(rendered.all(PrometheusRule.class).get(0).getSpec()).isEqualTo(rules().getSpec());
    }

    /** The metric names of a PromQL expression (Grafana's $variables allowed). */
    static Set<String> metricNames(String promql) {
        String bare = promql
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")      // strings
                .replaceAll("\\{[^}]*}", " ")                        // label matchers
                .replaceAll("\\[[^]]*]", " ")                        // ranges and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\boffset\\s+\\S+", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String word = identifier.group();
            boolean call = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            boolean variable = identifier.start() > 0 && bare.charAt(identifier.start() - 1) == '$';
            if (!call && !number && !variable && !KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if (panel.path("type").asText().equals("row")) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        });
        assertThat(panels).as("dashboard panels").isNotEmpty();
        return panels;
    }

    /** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        String plain = Normalizer.normalize(heading.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /**
     * Runs promtool (Debian's package prometheus) in the directory; fails with its output when it fails, and with
     * what to install when it is missing: without it the rules are not validated, and a green build must not
     * pretend otherwise.
     */
    static String promtool(Path directory, String... arguments) throws IOException, InterruptedException {
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst()
                .or(() -> Stream.of(Path.of("/usr/bin/promtool")).filter(Files::isExecutable).findFirst())
                .orElseThrow(() -> new AssertionError("promtool not found on the PATH or in /usr/bin: install Debian's"
                        + " package '" + PROMTOOL_PACKAGE + "' (apt-get install -y " + PROMTOOL_PACKAGE + ", then stop"
                        + " the prometheus service it may start; README.md, section Test)"));
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        assertThat(process.exitValue()).as("%s failed:%n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
