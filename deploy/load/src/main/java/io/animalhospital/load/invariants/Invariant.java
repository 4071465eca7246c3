package io.animalhospital.load.invariants;

/** SPEC §5's invariants as this checker reads them from the databases. */
public enum Invariant {

    I1("schedules never overbooked",
            "For every schedule (diagnosis.schedule): booked = number of its appointments holding a seat "
                    + "(diagnosis.appointment not CANCELLED: AWAITING_APPROVAL, BOOKED, and TREATED, whose visit used "
                    + "its seat; only a cancellation gives a seat back, SPEC §2), and booked <= capacity."),
    I2("reservation and appointment agree",
            "Every RESERVED / AWAITING_APPROVAL reservation (reservation.reservation) has exactly one active appointment "
                    + "(diagnosis.appointment, keyed by reservation id) on the same schedule, BOOKED for RESERVED and "
                    + "AWAITING_APPROVAL for AWAITING_APPROVAL; a CANCELLED / CANCELLED_BY_CLINIC reservation has no active "
                    + "appointment; a TREATED reservation's appointment is TREATED; and every active appointment belongs to a "
                    + "live reservation (no seat held for a reservation that does not exist or ended)."),
    I3("one bill per treatment",
            "Every TREATED reservation has exactly one bill (billing.bill); every bill belongs to a reservation whose "
                    + "appointment is TREATED (none for a reservation never treated); a PAID bill has exactly one payment "
                    + "(billing.payment) of its total, an ISSUED bill none."),
    I4("one notification per status change",
            "notice.notification (audience CUSTOMER), one row per source event id: per reservation, the notifications of reservation-events "
                    + "number version + 1 (reservation.version counts the row's updates, each of which published one event, "
                    + "plus ReservationPlaced), of which exactly one ReservationPlaced, one ReservationCancelled if "
                    + "cancelled, one ReservationTreated if treated; per bill exactly one BillIssued and one BillPaid iff "
                    + "PAID; every status change in the lookup history (by event id) has its notification; no notification "
                    + "for a bill that does not exist, and for a reservation that does not exist only its one "
                    + "ReservationCancelled (NOT_CONFIRMED: a placement that failed)."),
    I5("lookup view equals the sources",
            "For every reservation one lookup document (lookup.reservation_status) with reservationStatus = "
                    + "reservation.status, appointmentStatus = appointment.status, bill id / total / status = the bill's "
                    + "(or none), and a history holding every notified status change (event ids of notice.notification); a "
                    + "document without a reservation is only a CANCELLED NOT_CONFIRMED placement."),
    I6("nothing lost",
            "Every reservation id answered 201 by POST /reservations (one per line in the ids file) exists in "
                    + "reservation.reservation.");

    private final String title;
    private final String meaning;

    Invariant(String title, String meaning) {
        this.title = title;
        this.meaning = meaning;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }
}
