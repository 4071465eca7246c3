package io.animalhospital.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A phone's status views as a list (issue 18): pages ordered by date, reservationId, with decision 0060's headers. */
@QuarkusTest
class StatusListTest {

    private static final String PROBLEM = "application/problem+json";
    private static TestKafka kafka;
    private static String phone;
    private final TestIdentity identity = TestIdentity.fromConfig();

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** Three reservations of one phone, once (the API is up only once the test runs). */
    @BeforeEach
    void threeReservationsOfOnePhone() {
        if (phone != null) {
            return;
        }
        String owner = ClinicEvents.uniquePhone();
        for (int i = 0; i < 3; i++) {
            ClinicEvents story = new ClinicEvents(owner);
            story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
            ReservationStatusViewTest.awaitVersion(story, 1);
        }
        phone = owner;
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aPhonesViewsComeInPagesInAStableOrder() {
        List<Map<String, Object>> all = staff("&size=100").statusCode(200).header("X-Total-Count", "3")
                .extract().jsonPath().getList("$");
        List<Map<String, Object>> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Map<String, Object> v) -> (String) v.get("date"))
                .thenComparing(v -> (String) v.get("reservationId")));
        assertThat(all).isEqualTo(sorted);

        List<String> paged = new ArrayList<>();
        paged.addAll(staff("&size=2").statusCode(200).body("$", hasSize(2)).header("X-Total-Count", "3")
                .header("Link", containsString("page=1&size=2>; rel=\"next\""))
                .header("Link", containsString("phone=" + phone))
                .extract().jsonPath().getList("reservationId", String.class));
        paged.addAll(staff("&size=2&page=1").statusCode(200).body("$", hasSize(1))
                .header("Link", not(containsString("rel=\"next\""))).header("Link", containsString("rel=\"prev\""))
                .extract().jsonPath().getList("reservationId", String.class));
        assertThat(paged).containsExactlyElementsOf(all.stream().map(v -> (String) v.get("reservationId")).toList());
        // A customer's own list, without naming the phone, is the same list.
        given().auth().oauth2(identity.customer(phone)).queryParam("size", 2).get("/reservation-status").then()
                .statusCode(200).header("X-Total-Count", "3")
                .body("reservationId", contains(paged.get(0), paged.get(1)));
    }

    @Test
    void unusablePagesAreA400NamingThem() {
        invalid(staff("&size=101"), "size");
        invalid(staff("&page=-1"), "page");
        invalid(staff("&size=abc"), "size");
    }

    private ValidatableResponse staff(String query) {
        return given().auth().oauth2(identity.staff()).urlEncodingEnabled(false)
                .get("/reservation-status?phone=" + phone + query).then();
    }

    private static void invalid(ValidatableResponse response, String parameter) {
        response.statusCode(400).contentType(PROBLEM).body("violations.field", contains(parameter));
    }
}
