package io.animalhospital.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.SelectOption;
import io.animalhospital.infra.LocalStack;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A customer moves a reservation to another day, then cancels it; the app speaks Korean or English on request. */
@E2E
class ChangeAndCancelTest {

    @Test
    void customerChangesTheDayThenCancelsInTheirLanguage(Story story) {
        String run = Forms.unique();
        LocalDate first = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(7);
        LocalDate second = first.plusDays(1);
        String vet = "Dr. Move " + run;
        String firstDay = story.stack.api.openSchedule(vet, first, 4, false);
        String secondDay = story.stack.api.openSchedule(vet, second, 4, false);
        String reservationId = story.stack.api.placeReservation(
                story.stack.api.token("customer", LocalStack.DEMO_ACCOUNTS.get("customer")), firstDay, "Minji Kim",
                "Mandu " + run);

        // Korean by default for a browser that prefers it; the switch is remembered on the next page.
        Actor customer = story.actor("customer", "ko-KR");
        customer.page.navigate(story.stack.customerApp() + "/app/reservations/" + reservationId);
        customer.signInIfAsked("customer", LocalStack.DEMO_ACCOUNTS.get("customer"));
        assertThat(customer.page.locator("html")).hasAttribute("lang", "ko");
        assertThat(customer.hook("reservation-status")).hasAttribute("data-status", "RESERVED");
        customer.shot("reservation-korean");
        customer.hook("lang-en").click();
        assertThat(customer.page.locator("html")).hasAttribute("lang", "en");
        customer.page.navigate(story.stack.customerApp() + "/app/reservations/" + reservationId);
        assertThat(customer.page.locator("html")).hasAttribute("lang", "en");
        customer.shot("reservation-english");

        // Another day of the same vet.
        Locator change = customer.hook("change-day");
        change.locator("select[name=scheduleId]").selectOption(new SelectOption().setValue(secondDay));
        customer.shot("changing-day");
        customer.hook(change, "change-submit").click();
        assertThat(customer.hook("reservation-date")).hasText(second.toString());
        assertThat(customer.hook("reservation-status")).hasAttribute("data-status", "RESERVED");
        customer.shot("day-changed");

        // Cancelling asks first.
        customer.hook("cancel").click();
        Locator dialog = customer.page.locator("dialog[open]");
        assertThat(dialog).isVisible();
        customer.shot("cancel-confirmation");
        customer.hook(dialog, "confirm").click();
        assertThat(customer.hook("reservation-status")).hasAttribute("data-status", "CANCELLED");
        assertThat(customer.hook("cancel")).isHidden();
        customer.shot("cancelled");

        customer.hook("lang-ko").click();
        assertThat(customer.page.locator("html")).hasAttribute("lang", "ko");
        customer.shot("cancelled-korean");
    }
}
