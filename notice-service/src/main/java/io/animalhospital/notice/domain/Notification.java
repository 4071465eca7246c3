package io.animalhospital.notice.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The one notification of one source event: stored PENDING in the consuming transaction, delivered afterwards.
 * A bill event that arrived before its reservation's contact waits with no recipient, channel or message.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "reservation_id", nullable = false)
    public UUID reservationId;

    /** The reservation's contact, or the clinic (one of each per source event at most). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience = Audience.CUSTOMER;

    /** The address the channel delivers to: the phone number, or the e-mail address for e-mail. */
    public String recipient;

    /** The contact's phone number, so a customer finds every notification by phone. */
    public String phone;

    @Enumerated(EnumType.STRING)
    public ChannelKind channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Language language;

    public String message;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pending_event", columnDefinition = "jsonb")
    public String pendingEvent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean awaitingContact() {
        return status == NotificationStatus.PENDING && recipient == null;
    }
}
