package io.animalhospital.load.invariants;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the five databases hold, read once per check: one connection per database, one READ ONLY transaction
 * each (REPEATABLE READ, so every database is seen at a single instant).
 * <p>
 * The databases are read downstream first (notice, lookup, billing, then diagnosis, then reservation): an event
 * is published only after its source committed, so whatever a consumer wrote is already visible in its source's
 * later snapshot. A check under live traffic then sees things missing downstream (eventual, settles) but never
 * a downstream row whose source seems not to exist.
 */
final class SystemState {

    /** {@code seated}: appointments holding a seat (all but CANCELLED); {@code active}: AWAITING_APPROVAL or BOOKED. */
    record Schedule(UUID id, String vet, String date, int capacity, int booked, int seated, int active) {
    }

    /** {@code changed}: created_at / updated_at as text, to line a violation up with the logs. */
    record Appointment(UUID reservationId, UUID scheduleId, String status, String changed) {
    }

    record Reservation(UUID id, String status, UUID scheduleId, long version) {
    }

    record Bill(UUID id, UUID reservationId, String status, long total, int payments, long paid) {
    }

    record Notification(UUID eventId, String eventType, UUID reservationId) {
    }

    /** A lookup document; {@code history} maps event id → event type of its status-change entries. */
    record View(UUID reservationId, String reservationStatus, String appointmentStatus, UUID billId,
            String billStatus, Long billTotal, Map<UUID, String> history) {
    }

    final List<Schedule> schedules = new ArrayList<>();
    final Map<UUID, Appointment> appointments = new HashMap<>();
    final Map<UUID, Reservation> reservations = new HashMap<>();
    final Map<UUID, Bill> billsByReservation = new HashMap<>();
    final List<Bill> bills = new ArrayList<>();
    final Map<UUID, List<Notification>> notificationsByReservation = new HashMap<>();
    final Set<UUID> notifiedEventIds = new HashSet<>();
    int notifications;
    final Map<UUID, View> views = new HashMap<>();

    /** Reads everything from the databases of the given PostgreSQL server. */
    static SystemState read(Connections connections) throws SQLException {
        SystemState state = new SystemState();
        try (Connection notice = connections.open("notice")) {
            state.readNotice(notice);
        }
        try (Connection lookup = connections.open("lookup")) {
            state.readLookup(lookup);
        }
        try (Connection billing = connections.open("billing")) {
            state.readBilling(billing);
        }
        try (Connection diagnosis = connections.open("diagnosis")) {
            state.readDiagnosis(diagnosis);
        }
        try (Connection reservation = connections.open("reservation")) {
            state.readReservations(reservation);
        }
        return state;
    }

    /**
     * Only what the seats need: diagnosis (schedules, appointments), then reservation, in that order for the
     * reason above: a reservation recorded after its appointment is seen whenever its appointment is.
     */
    static SystemState readSeats(Connections connections) throws SQLException {
        SystemState state = new SystemState();
        try (Connection diagnosis = connections.open("diagnosis")) {
            state.readDiagnosis(diagnosis);
        }
        try (Connection reservation = connections.open("reservation")) {
            state.readReservations(reservation);
        }
        return state;
    }

    private void readNotice(Connection c) throws SQLException {
        // The customer's notifications only: the clinic's (an appointment awaiting approval) are more, for staff.
        query(c, "SELECT event_id, event_type, reservation_id FROM notification WHERE audience = 'CUSTOMER'", rs -> {
            Notification n = new Notification(uuid(rs, 1), rs.getString(2), uuid(rs, 3));
            notificationsByReservation.computeIfAbsent(n.reservationId(), id -> new ArrayList<>()).add(n);
            notifiedEventIds.add(n.eventId());
            notifications++;
        });
    }

    private void readLookup(Connection c) throws SQLException {
        // The history's status changes as "eventId=eventType" pairs, one string per document.
        query(c, """
                SELECT v.reservation_id, v.reservation_status, v.appointment_status, v.bill_id, v.bill_status,
                       v.bill_total,
                       (SELECT string_agg((e ->> 'eventId') || '=' || (e ->> 'eventType'), ',')
                          FROM jsonb_array_elements(v.history -> 'entries') e)
                  FROM reservation_status v""", rs -> {
            Map<UUID, String> history = new HashMap<>();
            String entries = rs.getString(7);
            if (entries != null) {
                for (String entry : entries.split(",")) {
                    String[] pair = entry.split("=", 2);
                    history.put(UUID.fromString(pair[0]), pair.length > 1 ? pair[1] : "");
                }
            }
            long total = rs.getLong(6);
            Long billTotal = rs.wasNull() ? null : total;
            View view = new View(uuid(rs, 1), rs.getString(2), rs.getString(3), uuid(rs, 4), rs.getString(5),
                    billTotal, history);
            views.put(view.reservationId(), view);
        });
    }

    private void readBilling(Connection c) throws SQLException {
        query(c, """
                SELECT b.id, b.reservation_id, b.status, b.total, count(p.id), coalesce(sum(p.amount), 0)
                  FROM bill b LEFT JOIN payment p ON p.bill_id = b.id
                 GROUP BY b.id""", rs -> {
            Bill bill = new Bill(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                    rs.getLong(6));
            bills.add(bill);
            billsByReservation.put(bill.reservationId(), bill);
        });
    }

    private void readDiagnosis(Connection c) throws SQLException {
        query(c, """
                SELECT s.id, s.vet, s.date::text, s.capacity, s.booked,
                       count(a.reservation_id) FILTER (WHERE a.status <> 'CANCELLED'),
                       count(a.reservation_id) FILTER (WHERE a.status IN ('AWAITING_APPROVAL', 'BOOKED'))
                  FROM schedule s LEFT JOIN appointment a ON a.schedule_id = s.id
                 GROUP BY s.id""", rs -> schedules.add(new Schedule(uuid(rs, 1), rs.getString(2), rs.getString(3),
                rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7))));
        query(c, """
                SELECT reservation_id, schedule_id, status,
                       'created ' || to_char(created_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS')
                       || ', updated ' || to_char(updated_at AT TIME ZONE 'UTC', 'HH24:MI:SS.MS') || ' UTC'
                  FROM appointment""", rs -> appointments.put(uuid(rs, 1), new Appointment(uuid(rs, 1), uuid(rs, 2),
                rs.getString(3), rs.getString(4))));
    }

    private void readReservations(Connection c) throws SQLException {
        query(c, "SELECT id, status, schedule_id, version FROM reservation",
                rs -> reservations.put(uuid(rs, 1), new Reservation(uuid(rs, 1), rs.getString(2), uuid(rs, 3),
                        rs.getLong(4))));
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection c, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setFetchSize(2000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    /** Where the databases are; each {@link #open} is one read-only, repeatable-read transaction. */
    record Connections(String host, int port, String user, String password) {

        Connection open(String database) throws SQLException {
            Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database
                    + "?connectTimeout=5&socketTimeout=120&ApplicationName=check-invariants", user, password);
            c.setReadOnly(true);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return c;
        }
    }
}
