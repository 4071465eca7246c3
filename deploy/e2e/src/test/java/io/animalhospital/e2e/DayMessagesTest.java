package io.animalhospital.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import io.animalhospital.infra.LocalStack;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a customer is told when the day they are booking is gone: taken up, or withdrawn by the clinic. */
@E2E
class DayMessagesTest {

    private static final String CUSTOMER = "customer";
    private static final String PASSWORD = LocalStack.DEMO_ACCOUNTS.get(CUSTOMER);

    @Test
    void theLastSeatTakenWhileFillingTheFormShowsTheFullMessage(Story story) {
        String run = Forms.unique();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(4);
        String scheduleId = story.stack.api.openSchedule("Dr. Full " + run, day, 1, false);

        Actor customer = story.actor("customer", "en-US");
        Locator booking = openBookingForm(story, customer, scheduleId, "Nabi " + run);

        // Meanwhile another customer takes the day's one seat.
        story.stack.api.addCustomer("e2e-rival-" + run, "rival-local-only", "010-6100-" + fourDigits());
        story.stack.api.placeReservation(story.stack.api.token("e2e-rival-" + run, "rival-local-only"), scheduleId,
                "Rival " + run, "Rival's cat");

        customer.hook("book-submit").click();
        assertThat(customer.hook("problem")).containsText(Pattern.compile("full", Pattern.CASE_INSENSITIVE));
        // What was typed is kept for another day.
        assertThat(booking.locator("[name=petName]")).hasValue("Nabi " + run);
        customer.shot("schedule-full");
    }

    @Test
    void aWithdrawnDayShowsItsMessageOnTheReservationAndTheBookingForm(Story story) {
        String run = Forms.unique();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(5);
        String vet = "Dr. Withdrawn " + run;
        String scheduleId = story.stack.api.openSchedule(vet, day, 5, false);
        String reservationId = story.stack.api.placeReservation(story.stack.api.token(CUSTOMER, PASSWORD),
                scheduleId, "Minji Kim", "Dubu " + run);

        Actor customer = story.actor("customer", "en-US");
        openBookingForm(story, customer, scheduleId, "Kongi " + run);

        // Staff withdraw the day from the day board, confirming in the dialog.
        Actor staff = story.actor("staff", "en-US");
        staff.page.navigate(story.stack.staffConsole() + "/staff/?date=" + day);
        staff.signInIfAsked("staff", LocalStack.DEMO_ACCOUNTS.get("staff"));
        Locator row = staff.page.locator("[data-test=schedule-row][data-schedule-id=\"" + scheduleId + "\"]");
        assertThat(row).containsText(vet);
        staff.hook(row, "withdraw").click();
        Locator dialog = staff.page.locator("dialog[open]");
        assertThat(dialog).isVisible();
        staff.shot("withdraw-confirmation");
        staff.hook(dialog, "confirm").click();
        assertThat(row).isHidden();
        staff.shot("withdrawn");

        // The booking form that was open answers with the problem instead of a reservation.
        customer.hook("book-submit").click();
        assertThat(customer.hook("problem")).containsText(Pattern.compile("no longer", Pattern.CASE_INSENSITIVE));
        customer.shot("booking-withdrawn-day");

        // The reservation on that day: cancelled by the clinic, and why.
        customer.page.navigate(story.stack.customerApp() + "/app/reservations/" + reservationId);
        customer.untilShownAfterReload(() -> assertThat(customer.hook("reservation-status"))
                .hasAttribute("data-status", "CANCELLED_BY_CLINIC"), Duration.ofSeconds(30));
        assertThat(customer.hook("reservation-status")).containsText(
                Pattern.compile("cancelled by the clinic", Pattern.CASE_INSENSITIVE));
        customer.shot("reservation-withdrawn");
    }

    /** The demo customer, signed in, on the booking form of the day with the pet's details typed in. */
    private static Locator openBookingForm(Story story, Actor customer, String scheduleId, String pet) {
        customer.page.navigate(story.stack.customerApp() + "/app/book?scheduleId=" + scheduleId);
        customer.signInIfAsked(CUSTOMER, PASSWORD);
        customer.page.waitForURL("**/app/book?scheduleId=" + scheduleId + "*");
        Locator booking = customer.page.locator("form")
                .filter(new Locator.FilterOptions().setHas(customer.hook("book-submit")));
        Forms.fill(booking, "ownerName", "Minji Kim");
        Forms.fill(booking, "petName", pet);
        Forms.fill(booking, "species", "Cat");
        Forms.fill(booking, "reason", "Vaccination");
        customer.shot("booking-form");
        return booking;
    }

    private static String fourDigits() {
        return String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
    }
}
