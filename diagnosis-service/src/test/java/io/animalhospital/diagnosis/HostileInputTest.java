package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.asReservationService;
import static io.animalhospital.diagnosis.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Hostile input (SPEC §3): a control character (NUL) in any text is a 400 naming the field, content after the JSON
 * document a 400, and neither writes anything. The platform reads JSON this strictly; these prove it holds here.
 */
@QuarkusTest
class HostileInputTest {

    private static final String NUL = "\\u0000"; // as JSON writes it

    private final TestDatabase db = new TestDatabase(
            ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));

    @Test
    void aNulInTheVetIsA400NamingItAndOpensNothing() {
        long before = db.count("SELECT count(*) FROM schedule");
        refused(asStaff().contentType(ContentType.JSON)
                .body("{\"vet\":\"Dr. " + NUL + "Kim\",\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"capacity\":3}")
                .post("/schedules").then(), "vet");
        assertThat(db.count("SELECT count(*) FROM schedule")).isEqualTo(before);
        // ... and in the vet searched for.
        refused(given().urlEncodingEnabled(false).get("/schedules?vet=Dr.%00Kim").then(), "vet");
    }

    @Test
    void aNulInTheDeclineReasonIsA400NamingItAndDeclinesNothing() {
        UUID reservationId = booked();
        refused(asStaff().contentType(ContentType.JSON).body("{\"reason\":\"ill" + NUL + "\"}")
                .post("/appointments/" + reservationId + "/decline").then(), "reason");
        assertUntouched(reservationId);
    }

    @Test
    void aNulInAnyTextOfTheTreatmentIsA400NamingItAndRecordsNothing() {
        UUID reservationId = booked();
        Map<String, String> fields = Map.of("doctor", "Dr. Kim", "medicalOpinion", "otitis", "treatment", "ear drops",
                "prescription", "rest");
        for (String field : fields.keySet()) {
            StringBuilder body = new StringBuilder("{");
            fields.forEach((name, value) -> body.append('"').append(name).append("\":\"")
                    .append(name.equals(field) ? value + NUL : value).append("\","));
            body.append("\"items\":[{\"code\":\"EXAM\",\"quantity\":1}]}");
            refused(asStaff().contentType(ContentType.JSON).body(body.toString())
                    .post("/appointments/" + reservationId + "/treatment").then(), field);
        }
        refused(asStaff().contentType(ContentType.JSON)
                .body("{\"doctor\":\"Dr. Kim\",\"medicalOpinion\":\"otitis\",\"treatment\":\"ear drops\","
                        + "\"items\":[{\"code\":\"EX" + NUL + "AM\",\"quantity\":1}]}")
                .post("/appointments/" + reservationId + "/treatment").then(), "items.[0].code");
        assertUntouched(reservationId);
    }

    @Test
    void contentAfterTheJsonDocumentIsA400AndWritesNothing() {
        String vet = "Dr. Trailing " + UUID.randomUUID();
        String schedule = "{\"vet\":\"" + vet + "\",\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"capacity\":3}";
        malformed(asStaff().contentType(ContentType.JSON).body(schedule + schedule).post("/schedules").then());
        malformed(asStaff().contentType(ContentType.JSON).body(schedule + " x").post("/schedules").then());
        assertThat(db.count("SELECT count(*) FROM schedule WHERE vet = ?", vet)).isZero();

        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Trailing", 3, false);
        malformed(asStaff().contentType(ContentType.JSON).body("{\"capacity\":1}{\"capacity\":2}")
                .patch("/schedules/" + scheduleId).then());
        given().get("/schedules/" + scheduleId).then().body("capacity", equalTo(3));

        UUID reservationId = UUID.randomUUID();
        String booking = "{\"reservationId\":\"" + reservationId + "\",\"scheduleId\":\"" + scheduleId
                + "\",\"petName\":\"Bori\"}";
        malformed(asReservationService().contentType(ContentType.JSON).body(booking + "]").post("/appointments").then());
        assertThat(db.count("SELECT count(*) FROM appointment WHERE reservation_id = ?", reservationId)).isZero();
        given().get("/schedules/" + scheduleId).then().body("booked", equalTo(0));

        UUID treated = booked();
        malformed(asStaff().contentType(ContentType.JSON)
                .body("{\"doctor\":\"Dr. Kim\",\"medicalOpinion\":\"otitis\",\"treatment\":\"ear drops\","
                        + "\"items\":[]} {}")
                .post("/appointments/" + treated + "/treatment").then());
        malformed(asStaff().contentType(ContentType.JSON).body("{\"reason\":\"ill\"}{}")
                .post("/appointments/" + treated + "/decline").then());
        assertUntouched(treated);
    }

    private static UUID booked() {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Hostile", 3, false);
        UUID reservationId = UUID.randomUUID();
        AppointmentFlowTest.book(reservationId, scheduleId).then().statusCode(201);
        return reservationId;
    }

    /** Still booked, nothing recorded, no event written. */
    private void assertUntouched(UUID reservationId) {
        asStaff().get("/appointments/" + reservationId).then().statusCode(200).body("status", equalTo("BOOKED"));
        assertThat(db.query("SELECT doctor, declined_by_subject, recorded_by_subject FROM appointment"
                + " WHERE reservation_id = ?", reservationId).get(0).values()).containsOnlyNulls();
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE record_key = ?", reservationId.toString()))
                .isZero();
    }

    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(400).contentType(startsWith("application/problem+json")).body("status", equalTo(400))
                .body("violations.field", contains(field));
    }

    private static void malformed(ValidatableResponse response) {
        response.statusCode(400).contentType(startsWith("application/problem+json")).body("status", equalTo(400));
    }
}
