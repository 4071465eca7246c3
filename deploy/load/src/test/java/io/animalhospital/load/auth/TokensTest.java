package io.animalhospital.load.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** {@link Tokens} against a token endpoint of its own: refreshed before they expire, kept when Keycloak is away. */
class TokensTest {

    private HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile int lifetime = 300;
    private volatile String lastForm = "";

    @BeforeEach
    void tokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/animal-hospital/protocol/openid-connect/token", exchange -> {
            lastForm = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body;
            int status;
            if (down.get()) {
                status = 503;
                body = "{\"error\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8);
            } else if (!lastForm.contains("password=right")) {
                status = 401;
                body = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = ("{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"expires_in\":" + lifetime
                        + ",\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aTokenPerAccountByThePasswordGrantOfTheCliClient() {
        try (Tokens tokens = new Tokens(url())) {
            tokens.account("staff", "right");
            assertThat(lastForm).contains("grant_type=password", "client_id=animal-hospital-cli", "username=staff");
            tokens.account("customer", "right");
            assertThat(tokens.bearer("staff")).isEqualTo("Bearer t1");
            assertThat(tokens.get("customer")).isEqualTo("t2");
            // Kept, not fetched per request.
            assertThat(tokens.get("staff")).isEqualTo("t1");
            assertThat(tokens.fetched()).isEqualTo(2);
        }
    }

    @Test
    void aWrongPasswordFailsAtOnce() {
        try (Tokens tokens = new Tokens(url())) {
            assertThatThrownBy(() -> tokens.account("staff", "wrong")).hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void refreshedInTheBackgroundBeforeItExpires() throws InterruptedException {
        try (Tokens tokens = new Tokens(url(), Duration.ofSeconds(1))) {
            tokens.account("customer", "right");
            assertThat(tokens.get("customer")).isEqualTo("t1");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(tokens.get("customer")).isNotEqualTo("t1"));
            assertThat(tokens.fetched()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void whenKeycloakIsAwayTheTokenItHasIsUsedAndTheRefreshTriedAgain() throws InterruptedException {
        lifetime = 2;
        try (Tokens tokens = new Tokens(url(), Duration.ofMinutes(4))) {
            tokens.account("customer", "right");
            down.set(true);
            // Expired and no new one to be had: the old one goes out (the service answers 401, the load counts it).
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(tokens.get("customer")).isEqualTo("t1");
                assertThat(tokens.failed()).isGreaterThanOrEqualTo(1);
                assertThat(tokens.expiredUsed()).isGreaterThanOrEqualTo(1);
            });
            assertThat(tokens.lastFailure()).contains("HTTP 503");
            down.set(false);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(tokens.get("customer")).isNotEqualTo("t1"));
        }
    }

    @Test
    void loadCustomersHaveAPhoneEachAndTheDefaultRoles() {
        var customers = LoadCustomers.numbered("chaos-customer", "010-5000-", 20);
        assertThat(customers).hasSize(20);
        assertThat(customers.get(0)).isEqualTo(new LoadCustomers.Customer("chaos-customer-0001", "010-5000-0001"));
        assertThat(customers.stream().map(LoadCustomers.Customer::phone).distinct()).hasSize(20);
        assertThat(LoadCustomers.partialImport(customers.subList(0, 1)))
                .contains("\"ifResourceExists\":\"SKIP\"", "\"username\":\"chaos-customer-0001\"",
                        "\"phone_number\":[\"010-5000-0001\"]", "\"realmRoles\":[\"default-roles-animal-hospital\"]");
    }
}
