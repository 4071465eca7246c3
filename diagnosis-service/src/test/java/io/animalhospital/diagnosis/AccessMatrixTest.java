package io.animalhospital.diagnosis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * SPEC §7 for every endpoint of this service and every kind of caller: anyone reads schedules; staff (and admin)
 * do everything else on schedules and appointments but the booking calls, which are reservation-service's service
 * account's alone. Without a token 401, with the wrong role 403, both as problem details and with nothing written.
 * The schedules and appointments a call acts on are ready for it, so that a call let through would succeed instead
 * of failing for another reason: fresh for each write that must succeed, shared by the calls that must change
 * nothing.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String PROBLEM = "application/problem+json";

    enum Who { ANONYMOUS, NO_ROLE, CUSTOMER, STAFF, ADMIN, RESERVATION_SERVICE }

    private static final Set<Who> ANYONE = EnumSet.allOf(Who.class);
    private static final Set<Who> STAFF = EnumSet.of(Who.STAFF, Who.ADMIN);
    private static final Set<Who> BOOKING = EnumSet.of(Who.RESERVATION_SERVICE);

    /**
     * What the calls act on: {@code approval} (needs approval) holding {@code awaiting}, {@code open} holding
     * {@code booked}; {@code newcomer} is a reservation not booked yet. Every schedule has the fixture's own vet.
     */
    record Fixture(String vet, String approval, String open, UUID awaiting, UUID booked, UUID newcomer) {
    }

    record Endpoint(String name, Set<Who> allowed, int success, BiFunction<RequestSpecification, Fixture, Response> call) {

        boolean writes() {
            return !name.startsWith("GET ");
        }
    }

    private static final String TREATMENT = "{\"doctor\":\"Dr. Matrix\",\"medicalOpinion\":\"healthy\","
            + "\"treatment\":\"checked\",\"prescription\":null,\"items\":[{\"code\":\"EXAM\",\"quantity\":1}]}";

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST /schedules", STAFF, 201, (as, f) -> as.contentType(ContentType.JSON)
                    .body("{\"vet\":\"" + f.vet() + "\",\"date\":\"" + LocalDate.now().plusDays(5) + "\",\"capacity\":2}")
                    .post("/schedules")),
            new Endpoint("GET /schedules", ANYONE, 200, (as, f) -> as.queryParam("vet", f.vet()).get("/schedules")),
            new Endpoint("GET /schedules/{id}", ANYONE, 200, (as, f) -> as.get("/schedules/" + f.open())),
            new Endpoint("PATCH /schedules/{id}", STAFF, 200, (as, f) -> as.contentType(ContentType.JSON)
                    .body("{\"capacity\":5}").patch("/schedules/" + f.open())),
            new Endpoint("DELETE /schedules/{id}", STAFF, 200, (as, f) -> as.delete("/schedules/" + f.open())),
            new Endpoint("POST /appointments", BOOKING, 201, (as, f) -> as.contentType(ContentType.JSON)
                    .body(booking(f.newcomer(), f.open())).post("/appointments")),
            new Endpoint("PUT /appointments/{reservationId}/schedule", BOOKING, 200, (as, f) -> as
                    .contentType(ContentType.JSON).body("{\"scheduleId\":\"" + f.open() + "\"}")
                    .put("/appointments/" + f.awaiting() + "/schedule")),
            new Endpoint("POST /appointments/{reservationId}/approve", STAFF, 200,
                    (as, f) -> as.post("/appointments/" + f.awaiting() + "/approve")),
            new Endpoint("POST /appointments/{reservationId}/decline", STAFF, 200, (as, f) -> as
                    .contentType(ContentType.JSON).body("{\"reason\":\"vet is ill\"}")
                    .post("/appointments/" + f.booked() + "/decline")),
            new Endpoint("POST /appointments/{reservationId}/treatment", STAFF, 200, (as, f) -> as
                    .contentType(ContentType.JSON).body(TREATMENT).post("/appointments/" + f.booked() + "/treatment")),
            new Endpoint("GET /appointments?scheduleId=", STAFF, 200,
                    (as, f) -> as.queryParam("scheduleId", f.open()).get("/appointments")),
            new Endpoint("GET /appointments/{reservationId}", STAFF, 200,
                    (as, f) -> as.get("/appointments/" + f.booked())));

    private final TestIdentity identity = Api.identity();
    /** For the calls that must change nothing: refused ones, and reads. */
    private static Fixture untouched;
    private final TestDatabase db = new TestDatabase(
            ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        return ENDPOINTS.stream().flatMap(endpoint -> Arrays.stream(Who.values()).map(who -> DynamicTest.dynamicTest(
                endpoint.name() + " as " + who, () -> check(endpoint, who))));
    }

    private void check(Endpoint endpoint, Who who) {
        Fixture fixture = endpoint.allowed().contains(who) && endpoint.writes() ? fixture() : untouched();
        String before = state(fixture);
        Response response = endpoint.call().apply(as(who), fixture);
        String call = endpoint.name() + " as " + who;
        if (endpoint.allowed().contains(who)) {
            assertThat(response.statusCode()).as(call + ": " + response.asString()).isEqualTo(endpoint.success());
            if (!endpoint.writes()) {
                assertThat(state(fixture)).as(call + " changes nothing").isEqualTo(before);
            }
            return;
        }
        int refused = who == Who.ANONYMOUS ? 401 : 403;
        assertThat(response.statusCode()).as(call + ": " + response.asString()).isEqualTo(refused);
        response.then().contentType(startsWith(PROBLEM)).body("status", equalTo(refused));
        if (refused == 401) {
            response.then().header("WWW-Authenticate", startsWith("Bearer"));
        }
        assertThat(state(fixture)).as(call + " writes nothing").isEqualTo(before);
    }

    @Test
    void everyBadTokenIsA401OnWritesAndReadsAndWritesNothing() {
        Fixture fixture = fixture();
        String before = state(fixture);
        for (Map.Entry<String, String> bad : identity.badTokens().entrySet()) {
            for (Endpoint endpoint : ENDPOINTS) {
                if (endpoint.allowed() == ANYONE) {
                    continue; // nothing to refuse: reading schedules needs no token
                }
                Response response = endpoint.call().apply(Api.as(bad.getValue()), fixture);
                assertThat(response.statusCode()).as(bad.getKey() + " on " + endpoint.name()).isEqualTo(401);
                response.then().contentType(startsWith(PROBLEM)).header("WWW-Authenticate", startsWith("Bearer"));
            }
        }
        assertThat(state(fixture)).as("nothing written").isEqualTo(before);
    }

    private RequestSpecification as(Who who) {
        return switch (who) {
            case ANONYMOUS -> given();
            case NO_ROLE -> Api.as(identity.noRole());
            case CUSTOMER -> Api.as(identity.customer(TestIdentity.PHONE_A));
            case STAFF -> Api.as(identity.staff());
            case ADMIN -> Api.as(identity.admin());
            case RESERVATION_SERVICE -> Api.as(identity.service());
        };
    }

    private static synchronized Fixture untouched() {
        if (untouched == null) {
            untouched = fixture();
        }
        return untouched;
    }

    private static Fixture fixture() {
        String vet = "Dr. Matrix " + UUID.randomUUID();
        String approval = ScheduleResourceTest.newSchedule(vet, 3, true);
        String open = ScheduleResourceTest.newSchedule(vet, 3, false);
        UUID awaiting = UUID.randomUUID();
        UUID booked = UUID.randomUUID();
        AppointmentFlowTest.book(awaiting, approval).then().statusCode(201);
        AppointmentFlowTest.book(booked, open).then().statusCode(201);
        return new Fixture(vet, approval, open, awaiting, booked, UUID.randomUUID());
    }

    /** The fixture's schedules (a new one of its vet included) and their appointments, as stored. */
    private String state(Fixture fixture) {
        return db.query("SELECT id, capacity, booked, approval_required, withdrawn, updated_at FROM schedule"
                + " WHERE vet = ? ORDER BY id", fixture.vet())
                + " " + db.query("SELECT a.reservation_id, a.schedule_id, a.status, a.doctor, a.updated_at"
                        + " FROM appointment a JOIN schedule s ON s.id = a.schedule_id WHERE s.vet = ?"
                        + " ORDER BY a.reservation_id", fixture.vet());
    }

    private static String booking(UUID reservationId, String scheduleId) {
        return "{\"reservationId\":\"" + reservationId + "\",\"scheduleId\":\"" + scheduleId
                + "\",\"petName\":\"Bori\",\"reason\":\"check-up\"}";
    }
}
