package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Events published while the service was not running are applied once it runs (committed offsets, earliest). */
@QuarkusTest
class CatchUpTest {

    @Test
    void eventsPublishedBeforeTheServiceStartedAreApplied() {
        ClinicEvents missed = new ClinicEvents(LookupTestInfrastructure.MISSED_RESERVATION,
                LookupTestInfrastructure.MISSED_PHONE);
        JsonPath view = ReservationStatusViewTest.awaitVersion(missed, 4);
        assertThat(view.getString("ownerName")).isEqualTo("Hong Gildong");
        assertThat(view.getString("reservationStatus")).isEqualTo("RESERVED");
        assertThat(view.getString("appointmentStatus")).isEqualTo("TREATED");
        assertThat(view.getString("bill.id")).isEqualTo(missed.billId.toString());
        assertThat(view.getString("lastNotification.message")).isEqualTo("Your bill is ready");
        assertThat(ReservationStatusViewTest.history(view)).containsExactly("ReservationPlaced", "Treated",
                "BillIssued");
    }
}
