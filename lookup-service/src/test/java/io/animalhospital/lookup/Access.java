package io.animalhospital.lookup;

import static io.restassured.RestAssured.given;

import io.animalhospital.infra.TestIdentity;
import io.restassured.specification.RequestSpecification;

/**
 * Requests with the tokens of the test run ({@link TestIdentity}): signed with the real Keycloak's realm key and
 * verified by the service against the keys Keycloak publishes, or issued by Keycloak itself.
 */
final class Access {

    private Access() {
    }

    /** Read when needed: the configuration exists once the test resource has started. */
    static TestIdentity identity() {
        return TestIdentity.fromConfig();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    static RequestSpecification asStaff() {
        return as(identity().staff());
    }

    static RequestSpecification asAdmin() {
        return as(identity().admin());
    }

    static RequestSpecification asCustomer(String phone) {
        return as(identity().customer(phone));
    }
}
