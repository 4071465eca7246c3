package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestIdentity;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The customers' app (SPEC §8) as a browser uses it: signing in through Keycloak's real login form (code flow with
 * PKCE), the pages in Korean and English, the API's problems in words, and another customer's reservation as not
 * found. The app calls this service's API and the companion diagnosis-service with the signed-in customer's token.
 */
@QuarkusTest
class CustomerAppTest {

    @AfterEach
    void diagnosisRunning() {
        DiagnosisService.ensureRunning();
    }

    @Test
    void signingInIsTheCodeFlowWithPkceAndEndsSignedIn() {
        DiagnosisService.ensureRunning();
        Browser browser = new Browser();
        HttpResponse<String> signedIn = browser.signIn(TestIdentity.CUSTOMER_A, TestIdentity.PASSWORD);

        String request = browser.authorizationRequest().toString();
        assertThat(request).contains("/realms/animal-hospital/protocol/openid-connect/auth")
                .contains("client_id=animal-hospital-web").contains("response_type=code")
                .contains("code_challenge_method=S256").containsPattern("code_challenge=[A-Za-z0-9_-]{43}")
                // Behind the entry point, the redirect URI is the entry point's.
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fapp%2Fsignin");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("data-test=\"sign-out\"").doesNotContain("data-test=\"sign-in\"");

        HttpResponse<String> mine = browser.get("/app/reservations");
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("<h1>내 예약</h1>");
    }

    @Test
    void aPageOfACustomerSendsSomeoneNotSignedInToKeycloak() {
        HttpResponse<String> response = new Browser().get("/app/reservations");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.location(response)).contains("/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256");
    }

    @Test
    void pagesAreKoreanByDefaultAndEnglishOnRequestRemembered() {
        DiagnosisService.ensureRunning();
        Browser browser = new Browser();
        HttpResponse<String> korean = browser.get("/app/");
        assertThat(korean.statusCode()).isEqualTo(200);
        assertThat(korean.body()).contains("<html lang=\"ko\">").contains("진료 예약 가능한 날")
                .contains("data-test=\"sign-in\"").contains("data-test=\"lang-en\"");

        HttpResponse<String> english = browser.get("/app/?lang=en");
        assertThat(english.body()).contains("<html lang=\"en\">").contains("Free days at the clinic")
                .doesNotContain("진료 예약 가능한 날");
        // Remembered in a cookie for the next pages, whatever the browser's language.
        assertThat(browser.get("/app/").body()).contains("<html lang=\"en\">");
        assertThat(browser.get("/app/?lang=ko").body()).contains("<html lang=\"ko\">");

        // A browser that prefers English, with no choice made, gets English.
        assertThat(new Browser().acceptLanguage("en-US,en;q=0.9").get("/app/").body()).contains("<html lang=\"en\">");
    }

    @Test
    void theFreeDaysListEachScheduleWithItsSeatsAndABookLink() {
        DiagnosisService.ensureRunning();
        String vet = "Dr. Listed " + System.nanoTime();
        String scheduleId = DiagnosisService.newSchedule(vet, 3, false);

        String page = new Browser().get("/app/?lang=en&vet=" + vet.replace(" ", "+")).body();

        String row = Browser.find(page, "(?s)(<tr data-test=\"schedule-row\" data-schedule-id=\"" + scheduleId + "\">.*?</tr>)");
        assertThat(row.replaceAll("\\s+", " ")).contains(vet).contains("3 left")
                .contains("href=\"/app/book?scheduleId=" + scheduleId + "\"");
    }

    @Test
    void aFullDayIsSaidInWordsAndTheFormKeepsWhatWasTyped() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Full", 1, false);
        Api.placing(Api.newPhone(), scheduleId).post("/reservations").then().statusCode(201);
        Browser browser = new Browser();
        browser.signIn(TestIdentity.CUSTOMER_A, TestIdentity.PASSWORD);

        HttpResponse<String> full = browser.post("/app/book", booking(browser, scheduleId));

        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(problem(full.body())).contains("그날은 예약이 꽉 찼습니다 — 다른 날을 골라 주세요.");
        assertThat(full.body()).contains("value=\"Bori\"");

        HttpResponse<String> inEnglish = browser.post("/app/book?lang=en", booking(browser, scheduleId));
        assertThat(problem(inEnglish.body())).contains("That day is full — choose another day.");
    }

    @Test
    void aBusyClinicSaysWhenToTryAgain() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Busy", 5, false);
        Browser browser = new Browser();
        browser.signIn(TestIdentity.CUSTOMER_A, TestIdentity.PASSWORD);
        Map<String, String> form = booking(browser, scheduleId);
        DiagnosisService.kill();

        HttpResponse<String> busy = browser.post("/app/book", form);

        // The API's 503 with Retry-After (2 s in the tests), in words with the seconds.
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(problem(busy.body())).contains("병원 시스템이 바쁩니다 — 2초 후에 다시 시도해 주세요.");
    }

    @Test
    void missingFieldsAreMarkedNextToThemAndNothingIsBooked() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Careful", 5, false);
        Browser browser = new Browser();
        browser.signIn(TestIdentity.CUSTOMER_A, TestIdentity.PASSWORD);
        Map<String, String> form = booking(browser, scheduleId);
        form.put("petName", " ");
        form.put("email", "not-an-address");

        HttpResponse<String> invalid = browser.post("/app/book", form);

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(Browser.find(invalid.body(), "data-test=\"field-error-petName\">\\s*([^<]+)")).contains("꼭 입력해 주세요.");
        assertThat(Browser.find(invalid.body(), "data-test=\"field-error-email\">\\s*([^<]+)"))
                .contains("이메일 주소 형식이 아닙니다.");
        assertThat(invalid.body()).doesNotContain("data-test=\"field-error-ownerName\"");
        assertThat(DiagnosisService.booked(scheduleId)).isZero();
    }

    @Test
    void bookingLeadsToTheReservationAndADoubleSubmitBooksOnce() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Once", 5, false);
        Browser browser = new Browser();
        browser.signIn(TestIdentity.CUSTOMER_A, TestIdentity.PASSWORD);
        Map<String, String> form = booking(browser, scheduleId);

        HttpResponse<String> first = browser.post("/app/book", form);
        HttpResponse<String> second = browser.post("/app/book", form);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(Browser.location(first)).matches("/app/reservations/[0-9a-f-]{36}");
        assertThat(Browser.location(second)).isEqualTo(Browser.location(first));
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);

        HttpResponse<String> page = browser.get(Browser.location(first));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-test=\"reservation-status\" data-status=\"RESERVED\"")
                .contains("예약 확정").contains("data-live=\"" + Browser.location(first) + "/live\"")
                // billing and notice are not running in these tests: their parts say so, the page still works.
                .contains("청구서를 지금 불러올 수 없습니다.");
    }

    @Test
    void anotherCustomersReservationIsNotFound() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Private", 5, false);
        String theirs = Api.placing(TestIdentity.PHONE_B, scheduleId).post("/reservations").then().statusCode(201)
                .extract().path("id");
        Browser browser = new Browser();
        browser.signIn(TestIdentity.CUSTOMER_A, TestIdentity.PASSWORD);

        HttpResponse<String> page = browser.get("/app/reservations/" + theirs);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("data-test=\"not-found\"").doesNotContain("Kim Minji");
        assertThat(browser.post("/app/reservations/" + theirs + "/cancel", Map.of()).statusCode()).isEqualTo(404);
        Api.customer(TestIdentity.PHONE_B).get("/reservations/" + theirs).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RESERVED"));
    }

    @Test
    void staffAreToldThisIsTheCustomersApp() {
        Browser browser = new Browser();
        browser.signIn(TestIdentity.STAFF, TestIdentity.PASSWORD);

        HttpResponse<String> page = browser.get("/app/reservations");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("data-test=\"not-for-staff\"").contains("href=\"/staff/\"");
    }

    /** The booking form as the app drew it for this schedule, filled in. */
    private static Map<String, String> booking(Browser browser, String scheduleId) {
        HttpResponse<String> form = browser.get("/app/book?scheduleId=" + scheduleId);
        assertThat(form.statusCode()).isEqualTo(200);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("scheduleId", scheduleId);
        fields.put("idempotencyKey", Browser.find(form.body(), "name=\"idempotencyKey\" value=\"([^\"]+)\""));
        fields.put("ownerName", "Kim Minji");
        fields.put("email", "minji@example.com");
        fields.put("petName", "Bori");
        fields.put("species", "dog");
        fields.put("reason", "limping");
        return fields;
    }

    /** The text of the page's problem box. */
    private static String problem(String html) {
        return Browser.find(html, "(?s)data-test=\"problem\"[^>]*>(.*?)</div>").replaceAll("\\s+", " ").strip();
    }
}
