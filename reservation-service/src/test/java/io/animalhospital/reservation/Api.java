package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.animalhospital.infra.TestIdentity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the people of SPEC §7, with tokens the services verify against the test run's Keycloak. */
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

    /** A customer whose account carries this phone. */
    static RequestSpecification customer(String phone) {
        return given().auth().oauth2(identity().customer(phone));
    }

    static RequestSpecification staff() {
        return given().auth().oauth2(identity().staff());
    }

    /** A placement's body: everything but the phone, which is the customer's own. */
    static String placement(String scheduleId) {
        return "{\"scheduleId\":\"" + scheduleId + "\",\"ownerName\":\"Kim Minji\",\"email\":\"minji@example.com\","
                + "\"petName\":\"Bori\",\"species\":\"dog\",\"reason\":\"limping\"}";
    }

    /** A placement as the customer with this phone. */
    static RequestSpecification placing(String phone, String scheduleId) {
        return customer(phone).contentType(ContentType.JSON).body(placement(scheduleId));
    }

    /** A phone no other test uses. */
    static String newPhone() {
        int n = Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000);
        return String.format("010-%04d-%04d", n / 10_000, n % 10_000);
    }
}
