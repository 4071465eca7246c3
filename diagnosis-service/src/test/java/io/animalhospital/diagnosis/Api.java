package io.animalhospital.diagnosis;

import static io.restassured.RestAssured.given;

import io.animalhospital.infra.TestIdentity;
import io.restassured.specification.RequestSpecification;

/**
 * Requests as each kind of caller, with tokens signed by the realm of the run's real Keycloak and verified by the
 * service against its published keys. A fresh token per request: they live five minutes, a test run longer.
 */
final class Api {

    private static TestIdentity identity;

    private Api() {
    }

    static synchronized TestIdentity identity() {
        if (identity == null) {
            identity = TestIdentity.fromConfig();
        }
        return identity;
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** Vets and the front desk: everything on schedules and appointments but the booking calls. */
    static RequestSpecification asStaff() {
        return as(identity().staff());
    }

    /** reservation-service's service account: the booking calls, nothing else. */
    static RequestSpecification asReservationService() {
        return as(identity().service());
    }
}
