package io.animalhospital.notice;

import static io.restassured.RestAssured.given;

import io.animalhospital.infra.TestIdentity;
import io.restassured.specification.RequestSpecification;

/** The people of SPEC §7 calling notice-service, with tokens of the test run's Keycloak realm. */
final class Access {

    private Access() {
    }

    static TestIdentity identity() {
        return TestIdentity.fromConfig();
    }

    /** A request as the given token's bearer. */
    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A request as a member of staff, who may read every notification. */
    static RequestSpecification asStaff() {
        return as(identity().staff());
    }
}
