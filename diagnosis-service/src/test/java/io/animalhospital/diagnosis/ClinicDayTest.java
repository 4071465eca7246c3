package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A schedule's day is a day in the clinic's time zone (default Asia/Seoul, whatever the server's zone): a day that
 * has passed there can be neither opened (400), booked nor moved onto (409, problem type {@code day-passed}).
 */
@QuarkusTest
class ClinicDayTest {

    private static final ZoneId CLINIC = ZoneId.of("Asia/Seoul");

    private final TestDatabase db = new TestDatabase(
            ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));

    @Inject
    Clock clinicClock;

    @Test
    void theClinicsDayIsInItsTimeZoneSeoulByDefault() {
        assertThat(clinicClock.getZone()).isEqualTo(CLINIC);
    }

    @Test
    void aDayThatHasPassedAtTheClinicCannotBeOpened() {
        String vet = "Dr. Yesterday " + UUID.randomUUID();
        asStaff().contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + today().minusDays(1) + "\",\"capacity\":3}")
                .post("/schedules").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/problems/date-in-past"))
                .body("violations.field", contains("date"));
        assertThat(db.count("SELECT count(*) FROM schedule WHERE vet = ?", vet)).isZero();
    }

    @Test
    void todayAtTheClinicCanBeOpenedAndBooked() {
        String vet = "Dr. Today " + UUID.randomUUID();
        String id = asStaff().contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + today() + "\",\"capacity\":3}")
                .post("/schedules").then().statusCode(201).extract().path("id");
        AppointmentFlowTest.book(UUID.randomUUID(), id).then().statusCode(201);
    }

    @Test
    void aDayThatHasPassedCanBeNeitherBookedNorMovedOnto() {
        // The API opens no such day: the schedule is one opened earlier whose day is now over.
        String passed = passedSchedule();
        UUID late = UUID.randomUUID();
        dayPassed(AppointmentFlowTest.book(late, passed));
        assertThat(db.count("SELECT count(*) FROM appointment WHERE reservation_id = ?", late)).isZero();
        assertThat(booked(passed)).isZero();

        String future = ScheduleResourceTest.newSchedule("Dr. Future", 2, false);
        UUID moving = UUID.randomUUID();
        AppointmentFlowTest.book(moving, future).then().statusCode(201);
        dayPassed(AppointmentFlowTest.move(moving, passed));
        asStaff().get("/appointments/" + moving).then().statusCode(200)
                .body("scheduleId", equalTo(future)).body("status", equalTo("BOOKED"));
        assertThat(booked(future)).isEqualTo(1);
        assertThat(booked(passed)).isZero();
    }

    private static void dayPassed(Response response) {
        response.then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/problems/day-passed"))
                .body("title", equalTo("This day has passed"))
                .body("detail", containsString(today().minusDays(1) + " has passed"));
    }

    /** Yesterday at the clinic, written as the database would hold a schedule opened before that day. */
    private String passedSchedule() {
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO schedule (id, vet, date, capacity, approval_required, created_at, updated_at)"
                + " VALUES ('" + id + "', 'Dr. Past', DATE '" + today().minusDays(1) + "', 5, false, now(), now())");
        return id.toString();
    }

    private static int booked(String scheduleId) {
        return given().get("/schedules/" + scheduleId).then().statusCode(200).extract().path("booked");
    }

    private static LocalDate today() {
        return LocalDate.now(CLINIC);
    }
}
