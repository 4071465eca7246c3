package io.animalhospital.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.animalhospital.infra.LocalStack;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The clinic's whole story in two browsers: a new customer signs up and books an approval-required day; staff
 * approve and treat with a billable item while the customer's page shows each change live; the customer pays.
 */
@E2E
class ReservationStoryTest {

    private static final Pattern RESERVATION_PAGE = Pattern.compile(".*/app/reservations/([0-9a-f-]{36})(\\?.*)?$");

    @Test
    void newCustomerBooksIsApprovedTreatedBilledAndPays(Story story) {
        String run = Forms.unique();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(3);
        String vet = "Dr. Story " + run;
        String owner = "Haneul Choi " + run;
        String pet = "Bori " + run;

        // Staff open the day, approval required, on the day board.
        Actor staff = story.actor("staff", "en-US");
        staff.page.navigate(story.stack.staffConsole() + "/staff/?date=" + day);
        staff.signInIfAsked("staff", LocalStack.DEMO_ACCOUNTS.get("staff"));
        Locator open = staff.page.locator("form").filter(new Locator.FilterOptions().setHas(staff.hook("open-submit")));
        Forms.fill(open, "vet", vet);
        Forms.fill(open, "date", day.toString());
        Forms.fill(open, "capacity", "3");
        open.locator("[name=approvalRequired]").check();
        staff.shot("open-day");
        staff.hook("open-submit").click();
        Locator dayRow = staff.hook("schedule-row").filter(new Locator.FilterOptions().setHasText(vet));
        assertThat(dayRow).isVisible();
        assertThat(staff.hook(dayRow, "capacity")).hasText("3");
        assertThat(staff.hook(dayRow, "booked")).hasText("0");
        staff.shot("day-opened");

        // A new customer signs up on Keycloak's registration page, with a phone, and lands back in the app.
        Actor customer = story.actor("customer", "ko-KR");
        customer.page.navigate(story.stack.customerApp() + "/app/");
        customer.shot("app-home");
        customer.hook("sign-in").click();
        KeycloakPages.register(customer.page, new KeycloakPages.NewAccount("e2e-" + run, "Bori-e2e-" + run,
                "e2e-" + run + "@example.com", "Haneul", "Choi", "010-7" + digits(3) + "-" + digits(4)), customer);
        assertThat(customer.hook("sign-out")).isVisible();

        // Finds the vet's free day and books it.
        Locator freeDay = customer.hook("schedule-row").filter(new Locator.FilterOptions().setHasText(vet));
        assertThat(freeDay).isVisible();
        assertThat(freeDay).containsText(day.toString());
        customer.shot("free-days");
        customer.hook(freeDay, "book").click();
        customer.page.waitForURL("**/app/book?scheduleId=*");
        Locator booking = customer.page.locator("form")
                .filter(new Locator.FilterOptions().setHas(customer.hook("book-submit")));
        Forms.fill(booking, "ownerName", owner);
        Forms.fill(booking, "email", "e2e-" + run + "@example.com");
        Forms.fill(booking, "petName", pet);
        Forms.fill(booking, "species", "Dog");
        Forms.fill(booking, "reason", "Limping on the left hind leg");
        customer.shot("booking-form");
        customer.hook("book-submit").click();
        customer.page.waitForURL(RESERVATION_PAGE);
        Matcher page = RESERVATION_PAGE.matcher(customer.page.url());
        assertThat(page.matches()).isTrue();
        String reservationId = page.group(1);
        Locator status = customer.hook("reservation-status");
        assertThat(status).hasAttribute("data-status", "AWAITING_APPROVAL");
        customer.shot("awaiting-approval");
        // From here on the customer's page stays open: every change must arrive on it live.
        customer.markPage();

        // Staff approve it from the approvals waiting.
        staff.page.navigate(story.stack.staffConsole() + "/staff/approvals");
        Locator approval = staff.page.locator("[data-test=approval-row][data-reservation-id=\"" + reservationId + "\"]");
        assertThat(approval).containsText(pet);
        staff.shot("approvals");
        staff.hook(approval, "approve").click();
        assertThat(approval).isHidden();
        staff.shot("approved");

        assertThat(status).hasAttribute("data-status", "RESERVED");
        assertThat(customer.samePage()).as("the status changed without a reload").isTrue();
        customer.shot("reserved-live");

        // Staff treat the pet with a billable item.
        staff.page.navigate(story.stack.staffConsole() + "/staff/appointments?date=" + day);
        Locator appointment = staff.hook("appointment-row").filter(new Locator.FilterOptions().setHasText(pet));
        assertThat(appointment).containsText(owner);
        staff.shot("appointments");
        staff.hook(appointment, "treat").click();
        staff.page.waitForURL("**/staff/appointments/" + reservationId + "/treatment");
        Locator treatment = staff.page.locator("form")
                .filter(new Locator.FilterOptions().setHas(staff.hook("treat-submit")));
        Forms.fill(treatment, "doctor", vet);
        Forms.fill(treatment, "medicalOpinion", "Mild sprain of the left hind leg");
        Forms.fill(treatment, "treatment", "Bandage and rest");
        Forms.fill(treatment, "prescription", "Anti-inflammatory, 3 days");
        Forms.chooseFirst(treatment.locator("select[name=itemCode]").first());
        treatment.locator("[name=quantity]").first().fill("2");
        staff.shot("treatment-form");
        staff.hook("treat-submit").click();
        staff.page.waitForLoadState();
        staff.shot("treated");

        assertThat(status).hasAttribute("data-status", "TREATED");
        assertThat(customer.samePage()).as("the status changed without a reload").isTrue();
        customer.shot("treated-live");

        // The bill, issued a moment after the treatment; the customer pays it.
        Locator bill = customer.hook("bill");
        customer.untilShownAfterReload(() -> assertThat(bill).hasAttribute("data-status", "ISSUED"),
                Duration.ofSeconds(30));
        assertThat(customer.hook(bill, "bill-total")).containsText(Pattern.compile("[1-9][0-9,]*"));
        customer.shot("bill-issued");
        customer.hook("pay").click();
        Forms.fill(customer.page.locator("body"), "method", "CARD");
        customer.shot("paying");
        customer.hook("pay-submit").click();
        assertThat(customer.hook("bill")).hasAttribute("data-status", "PAID");
        customer.shot("bill-paid");

        // The notifications sent to the customer about it.
        customer.untilShownAfterReload(() -> assertThat(customer.hook("notification").first()).isVisible(),
                Duration.ofSeconds(30));
        customer.shot("notifications");
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }
}
