package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.animalhospital.lookup.domain.ReservationStatusView;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.lookup.domain.StatusPrecedence;
import io.animalhospital.lookup.domain.ViewParts;

/** The view's rules alone: every arrival order of the same events gives the same document. */
class ConvergenceRulesTest {

    private static final Instant T = Instant.parse("2031-05-14T09:00:00Z");

    record Event(UUID id, Instant at, Consumer<ReservationStatusView> effect) {
    }

    @Test
    void everyArrivalOrderGivesTheSameDocument() {
        List<Event> story = List.of(
                reservation("ReservationPlaced", "AWAITING_APPROVAL", T, "010-1111-2222"),
                appointment("AppointmentApproved", "BOOKED", T.plusSeconds(1)),
                reservation("ReservationApproved", "RESERVED", T.plusSeconds(2), "010-1111-2222"),
                reservation("ReservationChanged", "RESERVED", T.plusSeconds(3), "010-3333-4444"),
                appointment("Treated", "TREATED", T.plusSeconds(4)),
                reservation("ReservationTreated", "TREATED", T.plusSeconds(5), "010-3333-4444"),
                bill("ISSUED", T.plusSeconds(6)),
                bill("PAID", T.plusSeconds(7)));

        StatusDocument expected = replay(story);
        assertThat(expected.reservationStatus()).isEqualTo("TREATED");
        assertThat(expected.appointmentStatus()).isEqualTo("TREATED");
        assertThat(expected.phone()).isEqualTo("010-3333-4444");
        assertThat(expected.bill().status()).isEqualTo("PAID");
        assertThat(expected.history()).hasSize(8);
        assertThat(expected.updatedAt()).isEqualTo(T.plusSeconds(7));

        List<List<Event>> orders = new ArrayList<>();
        permutations(new ArrayList<>(story), 0, orders);
        assertThat(orders).hasSize(40_320);
        for (List<Event> order : orders) {
            assertThat(replay(order)).isEqualTo(expected);
        }
    }

    @Test
    void aTerminalStatusWinsOverALiveOneWhateverTheClocksSay() {
        StatusPrecedence rules = StatusPrecedence.RESERVATION;
        assertThat(rules.supersedes("TREATED", T, "RESERVED", T.plusSeconds(60))).isFalse();
        assertThat(rules.supersedes("RESERVED", T.plusSeconds(60), "CANCELLED", T)).isTrue();
        // Moving to a schedule that needs approval is a real step back, decided by time.
        assertThat(rules.supersedes("RESERVED", T, "AWAITING_APPROVAL", T.plusSeconds(1))).isTrue();
        assertThat(rules.supersedes("RESERVED", T.plusSeconds(1), "AWAITING_APPROVAL", T)).isFalse();
        assertThat(StatusPrecedence.BILL.supersedes("PAID", T, "ISSUED", T.plusSeconds(1))).isFalse();
    }

    @Test
    void anEventAppliedTwiceChangesNothing() {
        ReservationStatusView view = new ReservationStatusView();
        Event placed = reservation("ReservationPlaced", "RESERVED", T, "010-1111-2222");
        assertThat(view.admit(placed.id(), placed.at())).isTrue();
        placed.effect().accept(view);
        assertThat(view.admit(placed.id(), placed.at())).isFalse();
        assertThat(view.version).isEqualTo(1);
        assertThat(view.history.entries()).hasSize(1);
    }

    private static StatusDocument replay(List<Event> events) {
        ReservationStatusView view = new ReservationStatusView();
        view.reservationId = UUID.nameUUIDFromBytes("rules".getBytes());
        for (Event event : events) {
            if (view.admit(event.id(), event.at())) {
                event.effect().accept(view);
            }
        }
        return StatusDocument.of(view);
    }

    private static Event reservation(String type, String status, Instant at, String phone) {
        UUID id = UUID.randomUUID();
        return new Event(id, at, view -> {
            view.details(at, "Hong Gildong", phone, "Choco", "Dr. Kim", LocalDate.of(2031, 5, 14));
            view.reservationStatus(status, at);
            view.appointmentStatus(StatusPrecedence.appointmentOf(status), at);
            view.history(id, status, at, type);
        });
    }

    private static Event appointment(String type, String status, Instant at) {
        UUID id = UUID.randomUUID();
        return new Event(id, at, view -> {
            view.appointmentStatus(status, at);
            if ("TREATED".equals(status)) {
                view.treatment(new ViewParts.Treatment("Dr. Kim", "ok", "vaccine", "rest",
                        List.of(new ViewParts.Item("VACCINE", 1))), at);
            }
            view.history(id, status, at, type);
        });
    }

    private static Event bill(String status, Instant at) {
        UUID id = UUID.randomUUID();
        UUID billId = UUID.nameUUIDFromBytes("bill".getBytes());
        return new Event(id, at, view -> {
            view.bill(billId, 35_000L, status, at);
            view.history(id, status, at, "PAID".equals(status) ? "BillPaid" : "BillIssued");
        });
    }

    private static void permutations(List<Event> events, int from, List<List<Event>> out) {
        if (from == events.size()) {
            out.add(List.copyOf(events));
            return;
        }
        for (int i = from; i < events.size(); i++) {
            java.util.Collections.swap(events, from, i);
            permutations(events, from + 1, out);
            java.util.Collections.swap(events, from, i);
        }
    }
}
