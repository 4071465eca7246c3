package io.animalhospital.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.PostgresServer;
import io.quarkus.test.junit.QuarkusTest;

/** A service whose database is down answers 503 with Retry-After, never 500, and serves again once it is back. */
@QuarkusTest
class UnavailableDatabaseTest {

    @Test
    void whileTheDatabaseIsDownARequestIsA503WithRetryAfter() {
        given().get("/notes/count").then().statusCode(200);
        Config config = ConfigProvider.getConfig();
        PostgresServer postgres = new PostgresServer(Path.of(config.getValue("hospital.test.postgres-dir", String.class)),
                config.getValue("hospital.test.postgres-port", Integer.class), false);
        postgres.stop();
        try {
            given().get("/notes/count").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503));
        } finally {
            postgres.start(List.of());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/notes/count").then().statusCode(200));
    }
}
