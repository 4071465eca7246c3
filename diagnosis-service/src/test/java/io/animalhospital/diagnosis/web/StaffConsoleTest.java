package io.animalhospital.diagnosis.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The staff console as staff, admins and customers meet it: signed in through Keycloak's login form (authorization
 * code + PKCE, the real Keycloak of the run), reached as through the entry point; the day board's changes go
 * through the API with the signed-in user's token and show what the API answered, in the staff member's words.
 */
@QuarkusTest
class StaffConsoleTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Seoul"));

    @Test
    void staffSignInWithTheCodeFlowAndPkceAndSeeTheDayBoardInKorean() {
        Browser browser = new Browser().signIn(TestIdentity.STAFF, "/staff/");

        assertThat(browser.authorizationRequest).contains("/realms/animal-hospital/protocol/openid-connect/auth")
                .contains("client_id=animal-hospital-web").contains("code_challenge_method=S256")
                .contains("code_challenge=").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fstaff");
        Document board = browser.page();
        assertThat(browser.location().toString()).startsWith(Browser.ENTRY_POINT + "/staff");
        assertThat(board.selectFirst("html").attr("lang")).isEqualTo("ko");
        assertThat(board.select("h1").text()).contains("진료일 현황").contains(TODAY.toString());
        assertThat(board.select("[data-test=user]").text()).contains("staff-1");
        assertThat(board.select("[data-test=sign-out]").attr("href")).isEqualTo("/staff/logout");
        assertThat(board.select("[data-test=nav-admin]")).as("operations are the admins'").isEmpty();
        assertThat(board.select("script[src]").eachAttr("src")).as("every script is the service's own")
                .allMatch(src -> src.startsWith("/staff/"));

        Document english = page(browser.get("/staff/?lang=en"), 200, browser);
        assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(english.select("h1").text()).contains("Day board");
        assertThat(page(browser.get("/staff/approvals"), 200, browser).select("h1").text())
                .as("the language chosen is remembered").contains("awaiting approval");
    }

    @Test
    void aCustomerIsToldThisIsTheStaffConsole() {
        Browser browser = new Browser().signIn(TestIdentity.CUSTOMER_A, "/staff/?lang=en");

        Document page = page(browser.get("/staff/?lang=en"), 403, browser);
        assertThat(page.select("[data-test=forbidden]").text()).contains("This is the staff console");
        assertThat(page.select("[data-test=schedule-row], [data-test=open-form]")).isEmpty();
        Document korean = page(browser.get("/staff/bills?lang=ko"), 403, browser);
        assertThat(korean.select("[data-test=forbidden]").text()).contains("여기는 직원 콘솔입니다");
    }

    @Test
    void onlyAdminsSeeOperations() {
        Browser admin = new Browser().signIn(TestIdentity.ADMIN, "/staff/admin");
        Document operations = page(admin.get("/staff/admin"), 200, admin);
        assertThat(operations.select("[data-test=rebuild]")).hasSize(1);
        assertThat(operations.select("[data-test=dead-letters]").eachAttr("data-service"))
                .containsExactly("reservation", "diagnosis", "billing", "notice", "lookup");
        assertThat(operations.select("[data-test=nav-admin]")).hasSize(1);

        Browser staff = new Browser().signIn(TestIdentity.STAFF, "/staff/admin?lang=en");
        Document refused = page(staff.get("/staff/admin?lang=en"), 403, staff);
        assertThat(refused.select("[data-test=forbidden]").text()).contains("Only the clinic's operators");
        assertThat(refused.select("[data-test=rebuild], [data-test=dead-letters]")).isEmpty();
    }

    @Test
    void aDayOpenedOnTheBoardIsShownResizedAndWithdrawnAfterAConfirmation() {
        Browser browser = new Browser().signIn(TestIdentity.STAFF, "/staff/");
        String vet = "Dr. Board " + UUID.randomUUID();
        LocalDate date = TODAY.plusDays(3);

        HttpResponse<String> opened = browser.postOnly("/staff/schedules", Map.of("vet", vet, "date", date.toString(),
                "capacity", "4", "approvalRequired", "on"));
        assertThat(opened.statusCode()).isEqualTo(303);
        Document board = page(browser.get(opened.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^http://[^/]+", "")), 200, browser);
        assertThat(board.select("[data-test=notice]").text()).isEqualTo("진료일을 열었습니다.");
        Element row = row(board, vet);
        assertThat(row.select("[data-test=booked]").text()).isEqualTo("0");
        assertThat(row.select("[data-test=capacity]").text()).isEqualTo("4");
        String scheduleId = row.attr("data-schedule-id");

        // Withdrawing asks first: the button opens a dialog whose confirm button is what posts the withdrawal.
        Element withdraw = row.selectFirst("[data-test=withdraw]");
        assertThat(withdraw.tagName()).isEqualTo("button");
        assertThat(withdraw.attr("type")).isEqualTo("button");
        assertThat(withdraw.closest("form")).as("the withdraw button itself posts nothing").isNull();
        Element dialog = board.getElementById(withdraw.attr("data-opens"));
        assertThat(dialog.tagName()).isEqualTo("dialog");
        assertThat(dialog.hasAttr("open")).isFalse();
        Element confirm = dialog.selectFirst("[data-test=confirm]");
        assertThat(confirm.attr("type")).isEqualTo("submit");
        assertThat(confirm.closest("form").attr("action")).isEqualTo("/staff/schedules/" + scheduleId
                + "/withdraw");

        // Two seats taken (reservation-service's booking call): the board shows them; resizing below is refused.
        book(scheduleId);
        book(scheduleId);
        board = page(browser.post("/staff/schedules/" + scheduleId + "/capacity", Map.of("capacity", "6",
                "date", date.toString())), 200, browser);
        row = row(board, vet);
        assertThat(row.select("[data-test=booked]").text()).isEqualTo("2");
        assertThat(row.select("[data-test=capacity]").text()).isEqualTo("6");
        Document refused = page(browser.post("/staff/schedules/" + scheduleId + "/capacity?lang=en",
                Map.of("capacity", "1", "date", date.toString())), 409, browser);
        assertThat(refused.select("[data-test=problem]").text())
                .isEqualTo("The capacity cannot go below the appointments already booked.");
        assertThat(row(refused, vet).select("[data-test=capacity]").text()).isEqualTo("6");

        board = page(browser.post("/staff/schedules/" + scheduleId + "/withdraw", Map.of("date", date.toString())),
                200, browser);
        assertThat(board.select("[data-test=notice]").text()).isEqualTo("The day is withdrawn; its appointments were cancelled by the clinic.")
                .as("the language stays the one chosen");
        assertThat(board.select("[data-test=schedule-row][data-schedule-id=" + scheduleId + "]")).isEmpty();
    }

    @Test
    void whatTheApiRefusesIsSaidNextToItsField() {
        Browser browser = new Browser().signIn(TestIdentity.STAFF, "/staff/");

        Document missing = page(browser.post("/staff/schedules", Map.of("vet", "", "date", TODAY.toString(),
                "capacity", "0")), 400, browser);
        assertThat(missing.select("[data-test=problem]").text()).isEqualTo("입력한 내용을 확인하세요.");
        assertThat(missing.select("[data-test=field-error-vet]").text()).startsWith("올바른 값이 아닙니다");
        assertThat(missing.select("[data-test=field-error-capacity]").text()).startsWith("올바른 값이 아닙니다");
        assertThat(missing.select("#open-vet").attr("aria-invalid")).isEqualTo("true");
        assertThat(missing.select("#open-capacity").attr("aria-describedby")).isEqualTo("error-capacity");

        Document past = page(browser.post("/staff/schedules?lang=en", Map.of("vet", "Dr. Yesterday",
                "date", TODAY.minusDays(1).toString(), "capacity", "3")), 400, browser);
        assertThat(past.select("[data-test=field-error-date]").text()).isEqualTo("Choose today or a later date.");
        assertThat(past.select("#open-vet").val()).as("what was typed stays").isEqualTo("Dr. Yesterday");

        Document notADate = page(browser.post("/staff/schedules", Map.of("vet", "Dr. Typo", "date", "tomorrow",
                "capacity", "three")), 400, browser);
        assertThat(notADate.select("[data-test=field-error-date]").text()).contains("tomorrow");
        assertThat(notADate.select("[data-test=field-error-capacity]").text()).contains("three");
    }

    @Test
    void approvalsAreApprovedOrDeclinedAndTheTreatmentIsRecordedWithItsItems() {
        Browser browser = new Browser().signIn(TestIdentity.STAFF, "/staff/approvals?lang=ko");
        LocalDate date = TODAY.plusDays(4);
        String scheduleId = given().auth().oauth2(TestIdentity.fromConfig().staff()).contentType(ContentType.JSON)
                .body(Map.of("vet", "Dr. Approval " + UUID.randomUUID(), "date", date.toString(), "capacity", 3,
                        "approvalRequired", true))
                .post("/schedules").then().statusCode(201).extract().path("id");
        String approved = book(scheduleId);
        String declined = book(scheduleId);

        Document approvals = page(browser.get("/staff/approvals"), 200, browser);
        assertThat(approvals.select("[data-test=approval-row]").eachAttr("data-reservation-id"))
                .contains(approved, declined);
        approvals = page(browser.post("/staff/approvals/" + approved + "/approve", Map.of()), 200, browser);
        assertThat(approvals.select("[data-test=notice]").text()).isEqualTo("예약을 승인했습니다.");
        Element declineRow = approvals.selectFirst("[data-test=approval-row][data-reservation-id=" + declined + "]");
        Element dialog = approvals.getElementById(declineRow.selectFirst("[data-test=decline]").attr("data-opens"));
        assertThat(dialog.select("textarea[name=reason]")).hasSize(1);
        assertThat(dialog.select("[data-test=decline-submit]")).hasSize(1);
        approvals = page(browser.post("/staff/approvals/" + declined + "/decline", Map.of("reason", "Vet is away")),
                200, browser);
        assertThat(approvals.select("[data-test=notice]").text()).isEqualTo("예약을 거절했습니다.");
        assertThat(approvals.select("[data-test=approval-row]").eachAttr("data-reservation-id"))
                .doesNotContain(approved, declined);
        Document again = page(browser.post("/staff/approvals/" + approved + "/approve", Map.of()), 409, browser);
        assertThat(again.select("[data-test=problem]").text()).isEqualTo("이 예약은 더 이상 승인을 기다리지 않습니다.");

        // The day's appointments: owners come from reservation-service, which is not running here; the list shows.
        Document day = page(browser.get("/staff/appointments?date=" + date), 200, browser);
        assertThat(day.select("[data-test=owners-unavailable]")).hasSize(1);
        Element row = day.selectFirst("[data-test=appointment-row][data-reservation-id=" + approved + "]");
        assertThat(row.select("[data-test=pet]").text()).isEqualTo("Bori");
        assertThat(row.select("[data-test=status]").text()).isEqualTo("예약됨");
        assertThat(row.select("[data-test=treat]").attr("href"))
                .isEqualTo("/staff/appointments/" + approved + "/treatment");

        Document form = page(browser.get("/staff/appointments/" + approved + "/treatment"), 200, browser);
        assertThat(form.select("[data-test=item-row] select[name=itemCode]").first().select("option").eachText())
                .contains("XRAY — 엑스레이", "VACCINATION — 예방 접종");
        Document invalid = page(browser.post("/staff/appointments/" + approved + "/treatment", Map.of("doctor", "",
                "medicalOpinion", "Healthy", "treatment", "Rest", "itemCode", "XRAY", "quantity", "2")), 400, browser);
        assertThat(invalid.select("[data-test=field-error-doctor]").text()).startsWith("올바른 값이 아닙니다");
        assertThat(invalid.select("#t-medicalOpinion").text()).isEqualTo("Healthy");
        day = page(browser.post("/staff/appointments/" + approved + "/treatment", Map.of("doctor", "Dr. Kim",
                "medicalOpinion", "Healthy", "treatment", "Rest", "itemCode", "XRAY", "quantity", "2")), 200, browser);
        assertThat(day.select("[data-test=notice]").text()).isEqualTo("진료 기록을 저장했습니다. 청구서가 발행됩니다.");
        assertThat(day.selectFirst("[data-test=appointment-row][data-reservation-id=" + approved + "]")
                .attr("data-status")).isEqualTo("TREATED");
        given().auth().oauth2(TestIdentity.fromConfig().staff()).get("/appointments/" + approved).then()
                .statusCode(200).body("medicalRecord.items[0].code", org.hamcrest.Matchers.equalTo("XRAY"))
                .body("medicalRecord.items[0].quantity", org.hamcrest.Matchers.equalTo(2))
                .body("medicalRecord.doctor", org.hamcrest.Matchers.equalTo("Dr. Kim"));
    }

    @Test
    void aServiceThatCannotBeReachedIsSaidToBeUnavailable() {
        Browser browser = new Browser().signIn(TestIdentity.STAFF, "/staff/bills?lang=en");
        Document bills = page(browser.get("/staff/bills"), 200, browser);
        assertThat(bills.select("[data-test=problem]").text())
                .isEqualTo("The service is unavailable for a moment. Try again shortly.");
        assertThat(problems.show(new jakarta.ws.rs.WebApplicationException(jakarta.ws.rs.core.Response.status(503)
                .header("Retry-After", "7").build()), "ko").message())
                .isEqualTo("서비스를 잠시 사용할 수 없습니다. 7초 후에 다시 시도하세요.");
    }

    @jakarta.inject.Inject
    Problems problems;

    private static Element row(Document board, String vet) {
        Element row = board.select("[data-test=schedule-row]").stream()
                .filter(r -> vet.equals(r.attr("data-vet"))).findFirst().orElse(null);
        assertThat(row).as("the board's row of " + vet + " in " + board.select("main").text()).isNotNull();
        return row;
    }

    private static Document page(HttpResponse<String> response, int status, Browser browser) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        return browser.page();
    }

    private static String book(String scheduleId) {
        String reservationId = UUID.randomUUID().toString();
        given().auth().oauth2(io.animalhospital.infra.TestIdentity.fromConfig().service()).contentType(ContentType.JSON)
                .body(Map.of("reservationId", reservationId, "scheduleId", scheduleId, "petName", "Bori"))
                .post("/appointments").then().statusCode(201);
        return reservationId;
    }
}
