package io.animalhospital.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.animalhospital.infra.KeycloakServer;
import io.animalhospital.infra.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * The scenes a story needs but does not tell (another customer taking the last seat, a day opened for the test),
 * set through the services' APIs with real tokens of the stack's Keycloak.
 */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KeycloakServer keycloak;
    private final Map<String, Integer> services;

    Api(KeycloakServer keycloak, Map<String, Integer> services) {
        this.keycloak = keycloak;
        this.services = services;
    }

    /** A customer account with a phone, added to the realm (Keycloak's partial import; LOCAL ONLY password). */
    void addCustomer(String username, String password, String phone) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username).put("enabled", true).put("emailVerified", true)
                .put("email", username + "@example.com").put("firstName", "E2E").put("lastName", username);
        user.putObject("attributes").putArray("phone_number").add(phone);
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        user.putArray("realmRoles").add("default-roles-animal-hospital");
        ObjectNode partial = JSON.createObjectNode().put("ifResourceExists", "SKIP");
        partial.putArray("users").add(user);
        keycloak.importIntoRealm(partial.toString());
    }

    String token(String username, String password) {
        return keycloak.passwordToken(LocalStack.CLI_CLIENT, username, password);
    }

    String staffToken() {
        return token("staff", LocalStack.DEMO_ACCOUNTS.get("staff"));
    }

    /** A new schedule (staff): its id. */
    String openSchedule(String vet, java.time.LocalDate date, int capacity, boolean approvalRequired) {
        ObjectNode body = JSON.createObjectNode().put("vet", vet).put("date", date.toString())
                .put("capacity", capacity).put("approvalRequired", approvalRequired);
        return call("diagnosis", "POST", "/schedules", staffToken(), body, 201).get("id").asText();
    }

    /**
     * A reservation placed with the customer's token: its id. A 503 (the booking call's first seconds on a busy
     * machine) is what the API tells a client to retry: retried with the same Idempotency-Key, which books once.
     */
    String placeReservation(String customerToken, String scheduleId, String ownerName, String petName) {
        ObjectNode body = JSON.createObjectNode().put("scheduleId", scheduleId).put("ownerName", ownerName)
                .put("petName", petName).put("species", "DOG").put("reason", "Check-up");
        String key = UUID.randomUUID().toString();
        AtomicReference<JsonNode> placed = new AtomicReference<>();
        Awaitility.await("placement of " + petName).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response = send("reservation", "POST", "/reservations", customerToken, body,
                            Map.of("Idempotency-Key", key));
                    if (response.statusCode() == 503) {
                        return false;
                    }
                    placed.set(expect(response, "POST", "reservation", "/reservations", 201));
                    return true;
                });
        return placed.get().get("id").asText();
    }

    JsonNode schedule(String scheduleId) {
        return call("diagnosis", "GET", "/schedules/" + scheduleId, null, null, 200);
    }

    JsonNode call(String service, String method, String path, String token, JsonNode body, int expected) {
        return expect(send(service, method, path, token, body, Map.of()), method, service, path, expected);
    }

    private static JsonNode expect(HttpResponse<String> response, String method, String service, String path,
            int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + service + path + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + response.body());
        }
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String service, String method, String path, String token, JsonNode body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + services.get(service) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
