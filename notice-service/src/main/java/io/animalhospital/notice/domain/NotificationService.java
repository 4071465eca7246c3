package io.animalhospital.notice.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Turns status changes into stored notifications, inside the consumer's transaction: one per event, PENDING and
 * due now, delivered later by {@link NotificationDelivery}. Keeps the contact copy that bill events need; a bill
 * that arrives before its contact waits for it (docs/decisions/0035).
 */
@ApplicationScoped
public class NotificationService {

    private final NoticeSettings settings;
    private final Notifications notifications;
    private final Contacts contacts;
    private final ObjectMapper pendingBills;

    public NotificationService(NoticeSettings settings, Notifications notifications, Contacts contacts,
            ObjectMapper mapper) {
        this.settings = settings;
        this.notifications = notifications;
        this.contacts = contacts;
        // A waiting bill is read back from JSON that an earlier version may have written with more fields.
        this.pendingBills = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * A reservation's notifications: staff any reservation's; a customer those of a reservation whose contact phone
     * is theirs, and 404 otherwise (another's, unknown, or its contact not arrived yet), so nothing leaks.
     */
    @WithSession
    public Uni<List<Notification>> byReservation(UUID reservationId, Caller caller) {
        return requireOwnReservation(reservationId, caller).chain(() -> notifications.ofReservation(reservationId));
    }

    /**
     * Everything sent to an address (a phone in any written form, or an e-mail address): staff any; a customer
     * only their own phone, which also finds the e-mails sent to them. Another address is refused with 403 before
     * anything is looked up, so the answer says nothing about what exists.
     */
    @WithSession
    public Uni<List<Notification>> byRecipient(String recipient, Caller caller) {
        return permittedRecipient(recipient, caller).chain(notifications::sentTo);
    }

    @WithSession
    public Uni<List<Notification>> byReservationAndRecipient(UUID reservationId, String recipient, Caller caller) {
        return permittedRecipient(recipient, caller).call(() -> requireOwnReservation(reservationId, caller))
                .chain(address -> notifications.ofReservationSentTo(reservationId, address));
    }

    private Uni<String> permittedRecipient(String recipient, Caller caller) {
        return Uni.createFrom().item(() -> {
            String address = Recipients.normalised(recipient);
            if (!caller.isStaff() && !caller.requirePhone().equals(address)) {
                throw new ClinicException(ClinicException.Reason.NOT_YOUR_RECIPIENT,
                        "You may look up only what was sent to your own phone number");
            }
            return address;
        });
    }

    private Uni<Void> requireOwnReservation(UUID reservationId, Caller caller) {
        if (caller.isStaff()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(caller::requirePhone)
                .chain(phone -> contacts.ofReservation(reservationId))
                .invoke(contact -> {
                    if (contact == null || !caller.mayAccess(contact.phone)) {
                        throw new ClinicException(ClinicException.Reason.RESERVATION_NOT_FOUND,
                                "No reservation " + reservationId + " of yours");
                    }
                }).replaceWithVoid();
    }

    /** A reservation's status changed: remember its contact, notify it, complete bills that waited for it. */
    @WithTransaction
    public Uni<Void> reservationChanged(ReservationChange change) {
        return contacts.lockReservation(change.reservationId())
                .chain(() -> remember(change.reservationId(), change.contact()))
                .chain(contact -> notifyChange(change, contact));
    }

    /** A bill was issued or paid: notify the reservation's contact, or wait for it if not known yet. */
    @WithTransaction
    public Uni<Void> billChanged(BillChange bill) {
        return contacts.lockReservation(bill.reservationId())
                .chain(() -> contacts.ofReservation(bill.reservationId()))
                .chain(contact -> notifyBill(bill, contact));
    }

    private Uni<Void> notifyChange(ReservationChange change, ReservationContact contact) {
        Notification n = newNotification(change.eventId(), change.type(), change.reservationId());
        // The event's own snapshot: the contact as it was when this change happened.
        ReservationChange.Contact snapshot = change.contact();
        String phone = snapshot != null ? snapshot.phone() : contact == null ? null : contact.phone;
        String email = snapshot != null ? snapshot.email() : contact == null ? null : contact.email;
        address(n, phone, email, facts(change, contact));
        return notifications.add(n)
                .chain(() -> contact == null ? Uni.createFrom().voidItem() : completeAwaiting(contact));
    }

    private Uni<Void> notifyBill(BillChange bill, ReservationContact contact) {
        Notification n = newNotification(bill.eventId(), bill.type(), bill.reservationId());
        n.pendingEvent = json(bill);
        if (contact != null) {
            address(n, contact.phone, contact.email, facts(bill, contact));
        }
        return notifications.add(n);
    }

    private Uni<Void> completeAwaiting(ReservationContact contact) {
        return notifications.awaitingContact(contact.reservationId).invoke(waiting -> {
            for (Notification n : waiting) {
                if (n.pendingEvent != null) {
                    address(n, contact.phone, contact.email, facts(read(n.pendingEvent), contact));
                }
            }
        }).replaceWithVoid();
    }

    /** Upserts the contact copy; an older snapshot (a late or replayed event) leaves a newer one alone. */
    private Uni<ReservationContact> remember(UUID reservationId, ReservationChange.Contact snapshot) {
        return contacts.ofReservation(reservationId).chain(existing -> {
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
            contact.phone = Recipients.normalised(snapshot.phone());
            contact.email = blankToNull(snapshot.email());
            contact.petName = snapshot.petName();
            contact.vet = snapshot.vet();
            contact.visitDate = snapshot.date();
            contact.updatedAt = version;
            return existing == null ? contacts.add(contact).replaceWith(contact) : Uni.createFrom().item(contact);
        });
    }

    /**
     * Chooses the channel and the address, writes the message and makes the notification due. E-mail goes to
     * the contact's address; a contact without one gets the configured fallback channel on their phone.
     */
    private void address(Notification n, String phone, String email, MessageFacts facts) {
        email = blankToNull(email);
        // Stored, sent and matched in one form, however the event wrote it.
        phone = Recipients.normalised(phone);
        ChannelKind channel = settings.channel();
        if (channel == ChannelKind.EMAIL && email == null) {
            channel = settings.email().fallback();
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
        n.language = settings.language();
        n.status = NotificationStatus.PENDING;
        n.attempts = 0;
        n.createdAt = Instant.now();
        return n;
    }

    private static MessageFacts facts(ReservationChange e, ReservationContact contact) {
        ReservationChange.Contact s = e.contact();
        if (s == null) {
            return new MessageFacts(e.type(), e.status(), e.reason(), contact == null ? null : contact.petName,
                    contact == null ? null : contact.vet, contact == null ? null : contact.visitDate, null, null, null);
        }
        return new MessageFacts(e.type(), e.status() != null ? e.status() : s.status(), e.reason(), s.petName(), s.vet(),
                s.date(), null, null, null);
    }

    private static MessageFacts facts(BillChange e, ReservationContact contact) {
        return new MessageFacts(e.type(), e.status(), null, contact.petName, contact.vet, contact.visitDate,
                e.total(), e.currency(), e.method());
    }

    private String json(BillChange bill) {
        try {
            return pendingBills.writeValueAsString(bill);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private BillChange read(String json) {
        try {
            return pendingBills.readValue(json, BillChange.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable pending event: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
