package io.animalhospital.notice.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.notice.domain.Audience;
import io.animalhospital.notice.domain.ChannelKind;
import io.animalhospital.notice.domain.Delivery;
import io.animalhospital.notice.domain.Language;
import io.animalhospital.notice.domain.Notification;
import io.animalhospital.notice.domain.NotificationStatus;
import io.animalhospital.notice.domain.Notifications;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
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
            + " RETURNING id, event_id, event_type, reservation_id, recipient, channel, language, message, attempts,"
            + " audience";

    private final Pool pool;

    public NotificationRepository(Pool pool) {
        this.pool = pool;
    }

    /** A count and one page, never the whole table. */
    @Override
    public Uni<Paged<Notification>> search(Search search, PageRequest page) {
        StringBuilder query = new StringBuilder("true");
        Parameters parameters = new Parameters();
        if (search.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", search.status());
        }
        if (search.reservationId() != null) {
            query.append(" and reservationId = :id");
            parameters.and("id", search.reservationId());
        }
        if (search.recipient() != null) {
            query.append(" and (recipient = :r or phone = :r)");
            parameters.and("r", search.recipient());
        }
        if (search.audience() != null) {
            query.append(" and audience = :audience");
            parameters.and("audience", search.audience());
        }
        if (search.ownerPhone() != null) {
            query.append(" and phone = :own");
            parameters.and("own", search.ownerPhone());
        }
        return count(query.toString(), parameters)
                .chain(total -> find(query.toString(), Sort.by("createdAt").and("id"), parameters)
                        .page(Page.of(page.page(), page.size())).list()
                        .map(items -> Paged.of(items, total)));
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
                    row.getString("message"), row.getInteger("attempts") + 1,
                    Audience.valueOf(row.getString("audience"))));
        }
        return claimed;
    }
}
