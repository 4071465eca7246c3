package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ScheduleResourceTest {

    static String newSchedule(String vet, int capacity, boolean approval) {
        return asStaff().contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + LocalDate.now().plusDays(3) + "\",\"capacity\":" + capacity
                        + ",\"approvalRequired\":" + approval + "}")
                .post("/schedules").then().statusCode(201).extract().path("id");
    }

    @Test
    void createGetSearchResize() {
        String vet = "Dr. " + UUID.randomUUID();
        String id = asStaff().contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + LocalDate.now().plusDays(1) + "\",\"capacity\":3}")
                .post("/schedules").then().statusCode(201)
                .header("Location", containsString("/schedules/"))
                .body("capacity", equalTo(3)).body("booked", equalTo(0)).body("available", equalTo(3))
                .body("approvalRequired", equalTo(false))
                .body("createdBy.name", equalTo("staff Test")).body("createdBy.at", notNullValue())
                .body("updatedBy", nullValue())
                .extract().path("id");
        // Anyone reads schedules: no token needed.
        given().get("/schedules/" + id).then().statusCode(200).body("vet", equalTo(vet));
        given().queryParam("vet", vet).queryParam("date", LocalDate.now().plusDays(1).toString())
                .get("/schedules").then().statusCode(200).body("id", hasItem(id));
        asStaff().contentType(ContentType.JSON).body("{\"capacity\":10,\"approvalRequired\":true}")
                .patch("/schedules/" + id).then().statusCode(200)
                .body("capacity", equalTo(10)).body("available", equalTo(10)).body("approvalRequired", equalTo(true))
                .body("updatedBy.name", equalTo("staff Test"));
    }

    @Test
    void capacityMayNotGoBelowActiveAppointments() {
        String id = newSchedule("Dr. Resize", 3, false);
        for (int i = 0; i < 2; i++) {
            AppointmentFlowTest.book(UUID.randomUUID(), id).then().statusCode(201);
        }
        asStaff().contentType(ContentType.JSON).body("{\"capacity\":1}").patch("/schedules/" + id).then()
                .statusCode(409).contentType(startsWith("application/problem+json"));
        asStaff().contentType(ContentType.JSON).body("{\"capacity\":2}").patch("/schedules/" + id).then()
                .statusCode(200).body("available", equalTo(0));
    }

    @Test
    void badInputIsAPreciseClientError() {
        String tomorrow = LocalDate.now().plusDays(1).toString();
        // past date, out of range, missing, unknown field, wrong type, malformed JSON
        post("{\"vet\":\"A\",\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"capacity\":3}", 400);
        post("{\"vet\":\"A\",\"date\":\"" + tomorrow + "\",\"capacity\":0}", 400);
        post("{\"vet\":\"A\",\"date\":\"" + tomorrow + "\",\"capacity\":1001}", 400);
        post("{\"date\":\"" + tomorrow + "\",\"capacity\":3}", 400);
        post("{\"vet\":\"A\",\"date\":\"" + tomorrow + "\",\"capacity\":3,\"colour\":\"red\"}", 400);
        post("{\"vet\":\"A\",\"date\":\"" + tomorrow + "\",\"capacity\":\"many\"}", 400);
        post("{\"vet\":\"A\",", 400);
        post("{\"vet\":\"" + "x".repeat(70 * 1024) + "\"}", 413);
        given().get("/schedules/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        given().get("/schedules/not-a-uuid").then().statusCode(404);
    }

    private static void post(String body, int status) {
        var response = asStaff().contentType(ContentType.JSON).body(body).post("/schedules").then().statusCode(status);
        if (status == 400) {
            response.contentType(startsWith("application/problem+json")).body("status", equalTo(400));
        }
    }
}
