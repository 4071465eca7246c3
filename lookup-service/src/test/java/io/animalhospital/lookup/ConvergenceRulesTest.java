package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.animalhospital.lookup.domain.AppointmentStatus;
import io.animalhospital.lookup.domain.BillStatus;
import io.animalhospital.lookup.domain.ReservationStatus;
import io.animalhospital.lookup.domain.ReservationStatusView;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.lookup.domain.StatusPrecedence;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.domain.ViewChange.Origin;
import io.animalhospital.lookup.domain.ViewParts;

/** The view's rules alone: every arrival order of the same events gives the same document. */
class ConvergenceRulesTest {

    private static final Instant T = Instant.parse("2031-05-14T09:00:00Z");

    /** An event's change of the view, as the consumers make it ({@link ViewChange}). */
    record Event(UUID id, Instant at, ViewChange change) {
    }

    @Test
    void everyArrivalOrderGivesTheSameDocument() {
        List<Event> story = List.of(
                reservation("ReservationPlaced", ReservationStatus.AWAITING_APPROVAL, T, "010-1111-2222"),
                appointment("AppointmentApproved", AppointmentStatus.BOOKED, T.plusSeconds(1)),
                reservation("ReservationApproved", ReservationStatus.RESERVED, T.plusSeconds(2), "010-1111-2222"),
                reservation("ReservationChanged", ReservationStatus.RESERVED, T.plusSeconds(3), "010-3333-4444"),
                appointment("Treated", AppointmentStatus.TREATED, T.plusSeconds(4)),
                reservation("ReservationTreated", ReservationStatus.TREATED, T.plusSeconds(5), "010-3333-4444"),
                bill(BillStatus.ISSUED, T.plusSeconds(6)),
                bill(BillStatus.PAID, T.plusSeconds(7)));

        StatusDocument expected = replay(story);
        assertThat(expected.reservationStatus()).isEqualTo(ReservationStatus.TREATED);
        assertThat(expected.appointmentStatus()).isEqualTo(AppointmentStatus.TREATED);
        assertThat(expected.phone()).isEqualTo("010-3333-4444");
        assertThat(expected.bill().status()).isEqualTo(BillStatus.PAID);
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
        assertThat(StatusPrecedence.supersedes(ReservationStatus.TREATED, T, ReservationStatus.RESERVED,
                T.plusSeconds(60))).isFalse();
        assertThat(StatusPrecedence.supersedes(ReservationStatus.RESERVED, T.plusSeconds(60),
                ReservationStatus.CANCELLED, T)).isTrue();
        // Moving to a schedule that needs approval is a real step back, decided by time.
        assertThat(StatusPrecedence.supersedes(ReservationStatus.RESERVED, T, ReservationStatus.AWAITING_APPROVAL,
                T.plusSeconds(1))).isTrue();
        assertThat(StatusPrecedence.supersedes(ReservationStatus.RESERVED, T.plusSeconds(1),
                ReservationStatus.AWAITING_APPROVAL, T)).isFalse();
        assertThat(StatusPrecedence.supersedes(BillStatus.PAID, T, BillStatus.ISSUED, T.plusSeconds(1))).isFalse();
    }

    @Test
    void anEventAppliedTwiceChangesNothing() {
        ReservationStatusView view = new ReservationStatusView();
        Event placed = reservation("ReservationPlaced", ReservationStatus.RESERVED, T, "010-1111-2222");
        assertThat(view.admit(placed.id(), placed.at())).isTrue();
        placed.change().effect().accept(view);
        assertThat(view.admit(placed.id(), placed.at())).isFalse();
        assertThat(view.version).isEqualTo(1);
        assertThat(view.history.entries()).hasSize(1);
    }

    private static StatusDocument replay(List<Event> events) {
        ReservationStatusView view = new ReservationStatusView();
        view.reservationId = UUID.nameUUIDFromBytes("rules".getBytes());
        for (Event event : events) {
            if (view.admit(event.id(), event.at())) {
                event.change().effect().accept(view);
            }
        }
        return StatusDocument.of(view);
    }

    private static Event reservation(String type, ReservationStatus status, Instant at, String phone) {
        UUID id = UUID.randomUUID();
        ViewParts.Details details = new ViewParts.Details("Hong Gildong", phone, "Choco", "Dr. Kim",
                LocalDate.of(2031, 5, 14));
        return new Event(id, at, ViewChange.reservation(origin(id, at, type), status, details));
    }

    private static Event appointment(String type, AppointmentStatus status, Instant at) {
        UUID id = UUID.randomUUID();
        ViewParts.Treatment treatment = status != AppointmentStatus.TREATED ? null
                : new ViewParts.Treatment("Dr. Kim", "ok", "vaccine", "rest", List.of(new ViewParts.Item("VACCINE", 1)));
        return new Event(id, at, ViewChange.appointment(origin(id, at, type), status, treatment));
    }

    private static Event bill(BillStatus status, Instant at) {
        UUID id = UUID.randomUUID();
        UUID billId = UUID.nameUUIDFromBytes("bill".getBytes());
        String type = status == BillStatus.PAID ? "BillPaid" : "BillIssued";
        return new Event(id, at, ViewChange.bill(origin(id, at, type), billId, 35_000L, status));
    }

    private static Origin origin(UUID eventId, Instant at, String type) {
        return new Origin(UUID.nameUUIDFromBytes("rules".getBytes()), eventId, at, type);
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
