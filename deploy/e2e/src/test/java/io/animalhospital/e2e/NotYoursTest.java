package io.animalhospital.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.ViewportSize;
import io.animalhospital.infra.LocalStack;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A customer who knows (or guesses) another's reservation address sees nothing of it. */
@E2E
class NotYoursTest {

    @Test
    void anotherCustomersReservationIsNotFound(Story story) {
        String run = Forms.unique();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(6);
        String scheduleId = story.stack.api.openSchedule("Dr. Private " + run, day, 5, false);
        String secretPet = "Secret " + run;
        String theirs = story.stack.api.placeReservation(
                story.stack.api.token("customer", LocalStack.DEMO_ACCOUNTS.get("customer")), scheduleId,
                "Minji Kim", secretPet);

        String other = "e2e-other-" + run;
        story.stack.api.addCustomer(other, "other-local-only", String.format("010-6200-%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000)));
        // On a phone: 390 px wide.
        Actor intruder = story.actor("other-customer", "en-US", new ViewportSize(390, 844));
        intruder.page.navigate(story.stack.customerApp() + "/app/reservations");
        intruder.signInIfAsked(other, "other-local-only");
        intruder.page.waitForURL("**/app/reservations*");
        assertThat(intruder.page.locator("body")).not().containsText(secretPet);
        intruder.shot("own-reservations");

        Response response = intruder.page.navigate(story.stack.customerApp() + "/app/reservations/" + theirs);
        assertThat(response.status()).isEqualTo(404);
        assertThat(intruder.hook("not-found")).isVisible();
        assertThat(intruder.page.locator("body")).not().containsText(secretPet);
        assertThat(intruder.page.locator("body")).not().containsText("Minji");
        intruder.shot("not-found");

        // Nor by its live status: refused, or at least nothing of it (a connection closed without an answer).
        try {
            APIResponse live = intruder.context.request().get(story.stack.customerApp() + "/app/reservations/"
                    + theirs + "/live", RequestOptions.create().setTimeout(10_000));
            assertThat(live.status()).isEqualTo(404);
        } catch (PlaywrightException closedWithoutAnswer) {
            assertThat(closedWithoutAnswer.getMessage()).contains("socket hang up");
        }
    }
}
