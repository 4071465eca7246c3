package io.animalhospital.notice.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.notice.domain.ChannelKind;
import io.animalhospital.notice.domain.Delivery;
import io.animalhospital.notice.domain.Language;
import io.animalhospital.notice.domain.Notification;
import io.animalhospital.notice.domain.NotificationStatus;
import io.animalhospital.notice.domain.Notifications;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID>, Notifications {

    private static final String CLAIM = "UPDATE notification SET next_attempt_at = now() + make_interval(secs => $2)"
            + " WHERE id IN (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now()"
            + " ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
            + " RETURNING id, event_id, event_type, reservation_id, recipient, channel, language, message, attempts";

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<List<Notification>> ofReservation(UUID reservationId) {
        return list("reservationId", Sort.by("createdAt").and("id"), reservationId);
    }

    @Override
    public Uni<List<Notification>> sentTo(String recipient) {
        return list("recipient = :r or phone = :r", Sort.by("createdAt").and("id"),
                Parameters.with("r", recipient));
    }

    @Override
    public Uni<List<Notification>> ofReservationSentTo(UUID reservationId, String recipient) {
        return list("reservationId = :id and (recipient = :r or phone = :r)", Sort.by("createdAt").and("id"),
                Parameters.with("id", reservationId).and("r", recipient));
    }

    @Override
    public Uni<List<Notification>> awaitingContact(UUID reservationId) {
        return list("reservationId = :id and recipient is null and status = :pending",
                Parameters.with("id", reservationId).and("pending", NotificationStatus.PENDING));
    }

    /** Row-locked in id order, so that two lockers never wait on each other. */
    @Override
    public Uni<List<Notification>> lockedForRecording(Collection<UUID> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** One statement on the plain pool, committed at once: the claim must not wait for the deliveries. */
    @Override
    public Uni<List<Delivery>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, lease.toMillis() / 1000.0))
                .map(NotificationRepository::deliveries);
    }

    @Override
    public Uni<Void> add(Notification notification) {
        return persist(notification).replaceWithVoid();
    }

    private static List<Delivery> deliveries(RowSet<Row> rows) {
        List<Delivery> claimed = new ArrayList<>();
        for (Row row : rows) {
            claimed.add(new Delivery(row.getUUID("id"), row.getUUID("event_id"), row.getString("event_type"),
                    row.getUUID("reservation_id"), row.getString("recipient"),
                    ChannelKind.valueOf(row.getString("channel")), Language.valueOf(row.getString("language")),
                    row.getString("message"), row.getInteger("attempts") + 1));
        }
        return claimed;
    }
}
