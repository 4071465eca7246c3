package io.animalhospital.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * What every service inherits from the platform: the caller from a token of the real Keycloak of the run, and
 * 401/403 as problem details, with nothing written.
 */
@QuarkusTest
class SecurityTest {

    private static final String PROBLEM = "application/problem+json";

    private final TestIdentity identity = TestIdentity.fromConfig();
    private final TestDatabase database = new TestDatabase(
            ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));

    @Test
    void aCustomerTokenFromKeycloakNamesThePersonAndTheirPhone() {
        as(identity.keycloakToken(TestIdentity.CUSTOMER_A)).get("/notes/caller").then().statusCode(200)
                .body("name", equalTo("customer-a Test"))
                .body("phone", equalTo(TestIdentity.PHONE_A))
                .body("roles", hasItem("customer"));
    }

    @Test
    void thePhoneOfATokenIsNormalised() {
        as(identity.customer("01098765432")).get("/notes/caller").then().statusCode(200)
                .body("phone", equalTo("010-9876-5432"));
    }

    @Test
    void noTokenIsA401Problem() {
        given().get("/notes/caller").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void theWrongRoleIsA403Problem() {
        as(identity.noRole()).get("/notes/caller").then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403));
        as(identity.customer(TestIdentity.PHONE_A)).contentType(ContentType.JSON).body(note())
                .post("/notes/clinic").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void staffFromKeycloakMayWrite() {
        as(identity.keycloakToken(TestIdentity.STAFF)).contentType(ContentType.JSON).body(note())
                .post("/notes/clinic").then().statusCode(200);
    }

    @Test
    void everyBadTokenIsA401ProblemOnAReadAndAWriteAndWritesNothing() {
        long before = database.count("SELECT count(*) FROM note");
        for (Map.Entry<String, String> bad : identity.badTokens().entrySet()) {
            as(bad.getValue()).get("/notes/caller").then().statusCode(401).contentType(PROBLEM)
                    .header("WWW-Authenticate", startsWith("Bearer"));
            int write = as(bad.getValue()).contentType(ContentType.JSON).body(note()).post("/notes/clinic")
                    .then().contentType(PROBLEM).extract().statusCode();
            assertThat(write).as(bad.getKey()).isEqualTo(401);
        }
        assertThat(database.count("SELECT count(*) FROM note")).isEqualTo(before);
    }

    @Test
    void aNulCharacterInTextIsA400NamingTheFieldAndWritesNothing() {
        long before = database.count("SELECT count(*) FROM note");
        given().contentType(ContentType.JSON).body("{\"reservationId\":\"" + UUID.randomUUID() + "\",\"text\":\"a\\u0000b\"}")
                .post("/notes").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("text"));
        assertThat(database.count("SELECT count(*) FROM note")).isEqualTo(before);
    }

    @Test
    void contentAfterTheJsonDocumentIsA400AndWritesNothing() {
        long before = database.count("SELECT count(*) FROM note");
        given().contentType(ContentType.JSON).body(note() + note()).post("/notes").then().statusCode(400)
                .contentType(PROBLEM);
        assertThat(database.count("SELECT count(*) FROM note")).isEqualTo(before);
    }

    @Test
    void aControlCharacterInAQueryParameterIsA400() {
        given().urlEncodingEnabled(false).get("/notes/count?phone=010%00").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", contains("phone"));
    }

    private static String note() {
        return "{\"reservationId\":\"" + UUID.randomUUID() + "\",\"text\":\"seen\"}";
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }
}
