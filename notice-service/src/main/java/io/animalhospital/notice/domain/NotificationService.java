package io.animalhospital.notice.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.notice.config.NoticeConfig;
import io.animalhospital.notice.messaging.BillingEvents.BillEvent;
import io.animalhospital.notice.messaging.IncomingEvent;
import io.animalhospital.notice.messaging.ReservationEvents.ReservationEvent;
import io.animalhospital.notice.messaging.ReservationEvents.Snapshot;
import io.animalhospital.notice.repository.ContactRepository;
import io.animalhospital.notice.repository.NotificationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Turns events into stored notifications, inside the consumer's transaction: one per event, PENDING and due
 * now, delivered later by {@link NotificationDelivery}. Keeps the contact copy that bill events need.
 * <p>
 * A bill event may arrive before its reservation's contact (different topics keep no order between them):
 * its notification is stored without recipient and message, with the event kept, and is completed and made
 * due in the transaction that brings the contact. Both consumers take a per-reservation advisory lock, so a
 * contact and a bill arriving at the same moment cannot miss each other.
 */
@ApplicationScoped
public class NotificationService {

    /** Namespace of the per-reservation advisory locks (the outbox relay uses the single-key space). */
    private static final int RESERVATION_LOCKS = 0x6e6f7469;

    private final NoticeConfig config;
    private final NotificationRepository notifications;
    private final ContactRepository contacts;
    private final ObjectMapper mapper;

    public NotificationService(NoticeConfig config, NotificationRepository notifications, ContactRepository contacts,
            ObjectMapper mapper) {
        this.config = config;
        this.notifications = notifications;
        this.contacts = contacts;
        this.mapper = IncomingEvent.lenient(mapper);
    }

    public Uni<List<Notification>> byReservation(UUID reservationId) {
        return Panache.withSession(() -> notifications.byReservation(reservationId));
    }

    public Uni<List<Notification>> byRecipient(String recipient) {
        return Panache.withSession(() -> notifications.byRecipient(recipient));
    }

    public Uni<List<Notification>> byReservationAndRecipient(UUID reservationId, String recipient) {
        return Panache.withSession(() -> notifications.byReservationAndRecipient(reservationId, recipient));
    }

    /** A reservation's status changed: remember its contact, notify it, complete bills that waited for it. */
    public Uni<Void> reservationEvent(ReservationEvent event) {
        Snapshot snapshot = event.reservation();
        return lock(event.reservationId())
                .flatMap(locked -> remember(event.reservationId(), snapshot))
                .flatMap(contact -> {
                    Notification n = newNotification(event.eventId(), event.type(), event.reservationId());
                    // The event's own snapshot: the contact as it was when this change happened.
                    String phone = snapshot != null ? snapshot.phone() : contact == null ? null : contact.phone;
                    String email = snapshot != null ? snapshot.email() : contact == null ? null : contact.email;
                    address(n, phone, email, facts(event, contact));
                    return notifications.persist(n)
                            .flatMap(stored -> contact == null ? Uni.createFrom().voidItem() : completeAwaiting(contact));
                });
    }

    /** A bill was issued or paid: notify the reservation's contact, or wait for it if not known yet. */
    public Uni<Void> billEvent(BillEvent event) {
        return lock(event.reservationId())
                .flatMap(locked -> contacts.findById(event.reservationId()))
                .flatMap(contact -> {
                    Notification n = newNotification(event.eventId(), event.type(), event.reservationId());
                    n.pendingEvent = json(event);
                    if (contact != null) {
                        address(n, contact.phone, contact.email, facts(event, contact));
                    }
                    return notifications.persist(n).replaceWithVoid();
                });
    }

    private Uni<Void> completeAwaiting(ReservationContact contact) {
        return notifications.awaitingContact(contact.reservationId).map(waiting -> {
            for (Notification n : waiting) {
                if (n.pendingEvent != null) {
                    address(n, contact.phone, contact.email, facts(read(n.pendingEvent), contact));
                }
            }
            return null;
        });
    }

    /** Upserts the contact copy; an older snapshot (a late or replayed event) leaves a newer one alone. */
    private Uni<ReservationContact> remember(UUID reservationId, Snapshot snapshot) {
        return contacts.findById(reservationId).flatMap(existing -> {
            if (snapshot == null) {
                return Uni.createFrom().item(existing);
            }
            Instant version = snapshot.updatedAt() == null ? Instant.EPOCH : snapshot.updatedAt();
            if (existing != null && existing.updatedAt.isAfter(version)) {
                return Uni.createFrom().item(existing);
            }
            ReservationContact contact = existing == null ? new ReservationContact() : existing;
            contact.reservationId = reservationId;
            contact.ownerName = snapshot.ownerName();
            contact.phone = snapshot.phone();
            contact.email = blankToNull(snapshot.email());
            contact.petName = snapshot.petName();
            contact.vet = snapshot.vet();
            contact.visitDate = snapshot.date();
            contact.updatedAt = version;
            return existing == null ? contacts.persist(contact) : Uni.createFrom().item(contact);
        });
    }

    /**
     * Chooses the channel and the address, writes the message and makes the notification due. E-mail goes to
     * the contact's address; a contact without one gets the configured fallback channel on their phone.
     */
    private void address(Notification n, String phone, String email, MessageFacts facts) {
        email = blankToNull(email);
        ChannelKind channel = config.channel();
        if (channel == ChannelKind.EMAIL && email == null) {
            channel = config.email().fallback();
        }
        n.phone = phone;
        n.recipient = channel == ChannelKind.EMAIL ? email : phone;
        if (n.recipient == null) {
            // No address at all (should not happen: every reservation has a phone); wait like a bill would.
            return;
        }
        n.channel = channel;
        n.message = MessageTemplates.render(n.language, facts);
        n.pendingEvent = null;
        n.nextAttemptAt = Instant.now();
    }

    private Notification newNotification(UUID eventId, String type, UUID reservationId) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.eventId = eventId;
        n.eventType = type;
        n.reservationId = reservationId;
        n.language = config.language();
        n.status = NotificationStatus.PENDING;
        n.attempts = 0;
        n.createdAt = Instant.now();
        return n;
    }

    private static MessageFacts facts(ReservationEvent e, ReservationContact contact) {
        Snapshot s = e.reservation();
        if (s == null) {
            return new MessageFacts(e.type(), e.status(), e.reason(), contact == null ? null : contact.petName,
                    contact == null ? null : contact.vet, contact == null ? null : contact.visitDate, null, null, null);
        }
        return new MessageFacts(e.type(), e.status() != null ? e.status() : s.status(), e.reason(), s.petName(), s.vet(),
                s.date(), null, null, null);
    }

    private static MessageFacts facts(BillEvent e, ReservationContact contact) {
        return new MessageFacts(e.type(), e.status(), null, contact.petName, contact.vet, contact.visitDate,
                e.total(), e.currency(), e.method());
    }

    /**
     * Serialises the consumers of one reservation's two topics (see the class comment). Run as an update on
     * purpose: a native select with a result class costs a growing scan of Hibernate's query plan cache per call.
     */
    private static Uni<Void> lock(UUID reservationId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(:space, :key)")
                .setParameter("space", RESERVATION_LOCKS)
                .setParameter("key", reservationId.hashCode())
                .executeUpdate())
                .replaceWithVoid();
    }

    private String json(BillEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BillEvent read(String json) {
        try {
            return mapper.readValue(json, BillEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable pending event: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
