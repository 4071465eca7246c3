package io.animalhospital.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 7 on Kubernetes: Keycloak through its operator, on a CloudNativePG database of its own, serving the
 * realm the local stack serves; the services check tokens against it in the cluster while the issuer is what
 * browsers see through the Gateway; no secret value is committed.
 */
class KeycloakTest {

    /** The realm's web client: the one part of the realm that depends on where browsers reach the clinic. */
    static final String WEB_CLIENT = "animal-hospital-web";

    static Stream<String> overlays() {
        return Project.OVERLAYS.stream();
    }

    static KeycloakOperator.Keycloak onlyKeycloak(Rendered rendered) {
        assertThat(rendered.all(KeycloakOperator.Keycloak.class)).as(rendered.overlay + ": one Keycloak").hasSize(1);
        return rendered.all(KeycloakOperator.Keycloak.class).get(0);
    }

    static KeycloakOperator.RealmImport realmImport(Rendered rendered) {
        List<KeycloakOperator.RealmImport> imports = rendered.all(KeycloakOperator.RealmImport.class);
        assertThat(imports).as(rendered.overlay + ": one realm import").hasSize(1);
        return imports.get(0);
    }

    /** The CloudNativePG cluster Keycloak's database settings point at. */
    static Cnpg.Cluster keycloakDatabase(Rendered rendered) {
        KeycloakOperator.DatabaseSpec db = onlyKeycloak(rendered).spec().db();
        return rendered.all(Cnpg.Cluster.class).stream().filter(cluster -> cluster.readWriteService().equals(db.host())).findFirst()
                .orElseThrow(() -> new AssertionError(rendered.overlay + ": Keycloak's database host " + db.host()
                        + " is no CloudNativePG Cluster's read-write Service"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void keycloakRunsOnACloudNativePgDatabaseOfItsOwnWithCredentialsFromItsSecret(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        KeycloakOperator.Keycloak keycloak = onlyKeycloak(rendered);
        String where = overlay + " Keycloak " + Rendered.nameOf(keycloak);
        KeycloakOperator.DatabaseSpec db = keycloak.spec().db();
        assertThat(db).as(where + " db").isNotNull();
        assertThat(db.vendor()).as(where + " db vendor").isEqualTo("postgres");
        assertThat(db.port()).as(where + " db port").isEqualTo(5432);

        Cnpg.Cluster cluster = keycloakDatabase(rendered);
        String clusterName = Rendered.nameOf(cluster);
        assertThat(OverlaysTest.databasesOf(rendered, cluster)).as(where + ": cluster %s holds database %s", clusterName, db.database())
                .contains(db.database());
        assertThat(db.usernameSecret()).as(where + " db user").isEqualTo(new SecretKeySelector("username", cluster.appSecret(), null));
        assertThat(db.passwordSecret()).as(where + " db password").isEqualTo(new SecretKeySelector("password", cluster.appSecret(), null));
        for (Deployment deployment : rendered.services()) {
            assertThat(Rendered.nameOf(OverlaysTest.databaseCluster(rendered, deployment))).as(where + ": no service shares its database")
                    .isNotEqualTo(clusterName);
        }
        assertThat(cluster.spec().imageName()).as(where + ": PostgreSQL 17 like the rest").endsWith(":17");

        // Connections: each instance's pool, one surge instance in a rollout, and the realm import Job.
        int instances = keycloak.spec().instances() == null ? 1 : keycloak.spec().instances();
        int pool = db.poolMaxSize() == null ? 100 : db.poolMaxSize();
        int maxConnections = Integer.parseInt(cluster.spec().postgresql().parameters().getOrDefault("max_connections", "100"));
        assertThat(maxConnections).as(where + " max_connections of " + clusterName).isGreaterThanOrEqualTo((instances + 2) * pool + 10);
        if (overlay.equals("prod")) {
            assertThat(instances).as(where + ": survives losing a pod").isGreaterThanOrEqualTo(2);
            assertThat(cluster.spec().instances()).as(where + ": database with standbys").isGreaterThanOrEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void keycloakRunsTheLocalStacksVersionWithHealthAndNoOperatorIngress(String overlay) {
        KeycloakOperator.Keycloak keycloak = onlyKeycloak(Kustomize.overlay(overlay));
        String where = overlay + " Keycloak";
        assertThat(keycloak.spec().image()).as(where + ": the version of deploy/infra/pom.xml")
                .isEqualTo("quay.io/keycloak/keycloak:" + Project.keycloakVersion());
        // A stock image is not built for PostgreSQL; "optimized" would start it with the wrong build options.
        assertThat(keycloak.spec().startOptimized()).as(where + " startOptimized for the stock image").isFalse();
        assertThat(keycloak.option("health-enabled")).as(where + " health").isEqualTo("true");
        assertThat(keycloak.spec().ingress()).as(where + " ingress").isNotNull();
        assertThat(keycloak.spec().ingress().enabled()).as(where + ": the operator's Ingress would publish the admin console").isFalse();
        assertThat(keycloak.spec().http().httpEnabled()).as(where + ": HTTP behind the Gateway").isTrue();
        assertThat(keycloak.spec().proxy().headers()).as(where + ": behind a proxy").isEqualTo("xforwarded");
        assertThat(keycloak.spec().networkPolicy()).as(where + ": the operator's NetworkPolicy").isNotNull();
        assertThat(keycloak.spec().networkPolicy().enabled()).as(where + " networkPolicy.enabled").isNotEqualTo(false);
        for (KeycloakOperator.ValueOrSecret option : keycloak.spec().additionalOptions()) {
            if (option.name().matches("(?i).*(password|secret|key).*")) {
                assertThat(option.value()).as(where + " option " + option.name() + " in clear").isNull();
            }
        }
    }

    /**
     * The issuer of every token is Keycloak's frontend URL (spec.hostname, fixed); with backchannelDynamic the
     * services fetch discovery and keys at keycloak-service in the cluster and still see that issuer. So: the
     * frontend is where browsers reach the realm through the Gateway, and the services point at the in-cluster
     * Service of the same Keycloak and realm.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theServicesCheckTokensInTheClusterWhileTheIssuerIsThePublicEntryPoint(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        KeycloakOperator.Keycloak keycloak = onlyKeycloak(rendered);
        KeycloakOperator.HostnameSpec hostname = keycloak.spec().hostname();
        String where = overlay + " Keycloak hostname";
        assertThat(hostname).as(where).isNotNull();
        assertThat(hostname.backchannelDynamic()).as(where + ": services talk to keycloak-service").isTrue();
        assertThat(hostname.strict()).as(where + ": the frontend is fixed, not taken from request headers").isNotEqualTo(false);
        URI frontend = URI.create(hostname.hostname());
        assertThat(frontend.getPath()).as(where + ": an origin").isIn("", "/");

        Gateway gateway = rendered.all(Gateway.class).get(0);
        List<String> publicHosts = gateway.getSpec().getListeners().stream().map(Listener::getHostname).filter(host -> host != null).toList();
        if (overlay.equals("prod")) {
            assertThat(frontend.getScheme()).as(where + ": browsers use HTTPS").isEqualTo("https");
            assertThat(publicHosts).as(where + ": the Gateway's host").containsExactly(frontend.getHost());
            assertThat(gateway.getSpec().getListeners()).as(overlay + ": HTTPS only").allSatisfy(listener ->
                    assertThat(listener.getProtocol()).isEqualTo("HTTPS"));
        } else {
            // dev: the Gateway has no host name; README port-forwards it to localhost:8080.
            assertThat(hostname.hostname()).as(where).isEqualTo("http://localhost:8080");
        }
        URI admin = URI.create(hostname.admin());
        assertThat(admin.getHost()).as(where + ": the admin console only through a port-forward").isIn("localhost", "127.0.0.1");

        String realm = (String) realmImport(rendered).spec().realm().get("realm");
        String inCluster = "http://" + keycloak.serviceName() + ":" + keycloak.httpPort() + "/realms/" + realm;
        for (Deployment deployment : rendered.services()) {
            Map<String, String> config = OverlaysTest.config(rendered, deployment);
            assertThat(config).as(overlay + " " + Rendered.nameOf(deployment) + ": the realm in the cluster")
                    .containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", inCluster);
        }
        // reservation-service's own token comes from the same realm: its OIDC client follows quarkus.oidc unless
        // the environment names another server.
        Project.Service reservation = Project.SERVICES.get("reservation-service");
        String clientServer = OverlaysTest.config(rendered, rendered.get(Deployment.class, reservation.name()))
                .getOrDefault("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", reservation.prodConfig().getProperty("quarkus.oidc-client.auth-server-url"));
        assertThat(clientServer).as(overlay + " reservation-service: its own token from the same realm")
                .isIn(inCluster, "${quarkus.oidc.auth-server-url}");
    }

    /**
     * One definition of the realm: the import is the local stack's realm file, except the web client's sign-in and
     * sign-out addresses, which belong to where browsers reach the clinic.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theRealmImportIsTheLocalStacksRealmExceptTheWebClientsAddresses(String overlay) throws IOException {
        Rendered rendered = Kustomize.overlay(overlay);
        KeycloakOperator.Keycloak keycloak = onlyKeycloak(rendered);
        KeycloakOperator.RealmImport realmImport = realmImport(rendered);
        assertThat(realmImport.spec().keycloakCRName()).as(overlay + " realm import target").isEqualTo(Rendered.nameOf(keycloak));

        Map<String, Object> file = Rendered.YAML.readValue(Files.readString(Project.realmFile()), new TypeReference<>() { });
        Map<String, Object> imported = realmImport.spec().realm();
        assertThat(imported.get("realm")).as(overlay + " realm").isEqualTo(Project.REALM);

        String origin = keycloak.spec().hostname().hostname().replaceAll("/$", "");
        Map<String, Object> webClient = client(imported, WEB_CLIENT);
        @SuppressWarnings("unchecked")
        List<String> redirects = (List<String>) webClient.get("redirectUris");
        @SuppressWarnings("unchecked")
        String logout = ((Map<String, String>) webClient.get("attributes")).get("post.logout.redirect.uris");
        assertThat(redirects).as(overlay + " " + WEB_CLIENT + ": signs in on the public origin").contains(origin + "/*");
        assertThat(logout.split("##")).as(overlay + " " + WEB_CLIENT + ": signs out on the public origin").contains(origin + "/*");
        if (overlay.equals("prod")) {
            assertThat(redirects).as("prod: nowhere but the public origin").allSatisfy(uri -> assertThat(uri).startsWith(origin + "/"));
            assertThat(logout.split("##")).as("prod: nowhere but the public origin").allSatisfy(uri -> assertThat(uri).startsWith(origin + "/"));
        }

        List<String> differences = new ArrayList<>();
        differences("realm", withoutWebClientAddresses(file), withoutWebClientAddresses(imported), differences);
        assertThat(differences).as(overlay + ": the realm import differs from %s beyond the %s client's redirectUris and "
                + "post.logout.redirect.uris (run deploy/k8s/refresh)", Project.realmFile(), WEB_CLIENT).isEmpty();
    }

    /** Where two JSON trees differ, as paths with both values (short, unlike a dump of two realms). */
    private static void differences(String path, Object expected, Object actual, List<String> out) {
        if (expected instanceof Map<?, ?> left && actual instanceof Map<?, ?> right) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(left.keySet());
            keys.addAll(right.keySet());
            keys.forEach(key -> differences(path + "." + key, left.get(key), right.get(key), out));
        } else if (expected instanceof List<?> left && actual instanceof List<?> right && left.size() == right.size()) {
            for (int index = 0; index < left.size(); index++) {
                differences(path + "[" + index + "]", left.get(index), right.get(index), out);
            }
        } else if (!java.util.Objects.equals(expected, actual)) {
            out.add(path + ": file " + abbreviate(expected) + ", import " + abbreviate(actual));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    /** No demo users, no credentials, and the one client secret comes from a Secret that reservation-service reads too. */
    @ParameterizedTest
    @MethodSource("overlays")
    void theRealmCarriesNoUsersAndNoSecretValues(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        KeycloakOperator.RealmImport realmImport = realmImport(rendered);
        Map<String, Object> realm = realmImport.spec().realm();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> users = (List<Map<String, Object>>) realm.getOrDefault("users", List.of());
        assertThat(users).as(overlay + ": only service accounts, no local-development users").allSatisfy(user -> {
            assertThat(user.get("serviceAccountClientId")).as("user " + user.get("username")).isNotNull();
            assertThat(user.get("credentials")).as("user " + user.get("username") + " credentials").isNull();
        });
        assertThat(clients(realm)).extracting(client -> client.get("clientId")).as(overlay + ": no local-development client")
                .doesNotContain("animal-hospital-cli");

        Map<String, SecretKeySelector> placeholders = new LinkedHashMap<>();
        realmImport.spec().placeholders().forEach((name, placeholder) -> placeholders.put(name, placeholder.secret()));
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
        for (Map<String, Object> client : clients(realm)) {
            Object secret = client.get("secret");
            if (secret == null) {
                continue;
            }
            Matcher matcher = placeholder.matcher(secret.toString());
            assertThat(matcher.matches()).as(overlay + " client " + client.get("clientId") + ": its secret is a placeholder, not a value").isTrue();
            assertThat(placeholders).as(overlay + " client " + client.get("clientId") + ": placeholder from a Secret").containsKey(matcher.group(1));
        }

        // reservation-service authenticates with the very secret the realm import puts into its client.
        Map<String, Object> serviceClient = client(realm, "reservation-service");
        Matcher matcher = placeholder.matcher(serviceClient.get("secret").toString());
        assertThat(matcher.matches()).isTrue();
        SecretKeySelector imported = placeholders.get(matcher.group(1));
        EnvVar used = OverlaysTest.env(OverlaysTest.container(rendered.get(Deployment.class, "reservation-service")),
                "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET").orElseThrow(() -> new AssertionError(overlay
                + " reservation-service has no QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET"));
        assertThat(used.getValueFrom().getSecretKeyRef()).as(overlay + " reservation-service: the client secret the realm import uses")
                .isEqualTo(new SecretKeySelector(imported.getKey(), imported.getName(), null));
        assertThat(rendered.all(io.fabric8.kubernetes.api.model.Secret.class)).as(overlay + ": the Secret is created by hand, not committed")
                .isEmpty();
    }

    /**
     * Every credential a service's configuration names with a literal value (a local-development default) is
     * replaced on Kubernetes by a Secret: the Deployment sets the property from a secretKeyRef.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void noCredentialOfTheServicesConfigurationReachesKubernetesInClear(String overlay) {
        Rendered rendered = Kustomize.overlay(overlay);
        for (Project.Service service : Project.SERVICES.values()) {
            Container container = OverlaysTest.container(rendered.get(Deployment.class, service.name()));
            Properties config = service.prodConfig();
            List<String> inClear = new ArrayList<>();
            for (String key : new TreeSet<>(config.stringPropertyNames())) {
                String value = config.getProperty(key);
                boolean credential = key.matches("(?i).*(password|secret|jaas).*") && !key.startsWith("quarkus.kubernetes.");
                if (!credential || value.isBlank() || value.startsWith("${")) {
                    continue;
                }
                String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
                boolean fromSecret = OverlaysTest.env(container, variable).map(env -> env.getValueFrom() != null
                        && env.getValueFrom().getSecretKeyRef() != null).orElse(false);
                if (!fromSecret) {
                    inClear.add(key);
                }
            }
            assertThat(inClear).as(overlay + " " + service.name() + ": credentials with a literal value in its configuration, not "
                    + "replaced from a Secret on Kubernetes").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> clients(Map<String, Object> realm) {
        return (List<Map<String, Object>>) realm.getOrDefault("clients", List.of());
    }

    static Map<String, Object> client(Map<String, Object> realm, String clientId) {
        return clients(realm).stream().filter(client -> clientId.equals(client.get("clientId"))).findFirst()
                .orElseThrow(() -> new AssertionError("realm has no client " + clientId));
    }

    /** A deep copy of the realm without the web client's two address fields (the documented differences). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutWebClientAddresses(Map<String, Object> realm) {
        Map<String, Object> copy = Rendered.YAML.convertValue(realm, new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> web = client(copy, WEB_CLIENT);
        web.remove("redirectUris");
        ((Map<String, Object>) web.get("attributes")).remove("post.logout.redirect.uris");
        return copy;
    }
}
