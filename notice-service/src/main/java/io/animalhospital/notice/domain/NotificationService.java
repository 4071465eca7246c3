package io.animalhospital.notice.domain;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
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
    private final ClinicNotifySettings clinic;
    private final Notifications notifications;
    private final Contacts contacts;
    private final ObjectMapper pendingBills;

    public NotificationService(NoticeSettings settings, ClinicNotifySettings clinic, Notifications notifications,
            Contacts contacts, ObjectMapper mapper) {
        this.settings = settings;
        this.clinic = clinic;
        this.notifications = notifications;
        this.contacts = contacts;
        // A waiting bill is read back from JSON that an earlier version may have written with more fields.
        this.pendingBills = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * A list of notifications. Staff read any. A customer reads those of a reservation whose contact phone is theirs
     * (404 otherwise: another's, unknown, or its contact not arrived yet, so nothing leaks), those sent to their own
     * phone (another address: 403 before anything is looked up; their phone also finds the e-mails sent to them),
     * and without either, everything sent to their phone.
     */
    @WithSession
    public Uni<Paged<Notification>> search(Notifications.Search search, Caller caller, PageRequest page) {
        Uni<String> recipient = search.recipient() == null ? Uni.createFrom().nullItem()
                : permittedRecipient(search.recipient(), caller);
        return recipient
                .call(() -> search.reservationId() == null ? Uni.createFrom().voidItem()
                        : requireOwnReservation(search.reservationId(), caller))
                .chain(address -> {
                    String own = caller.isStaff() || address != null || search.reservationId() != null ? null
                            : caller.requirePhone();
                    // The clinic's notifications are for staff: a customer's list has only what was sent to them.
                    Audience audience = caller.isStaff() ? search.audience() : Audience.CUSTOMER;
                    return notifications.search(new Notifications.Search(search.status(), search.reservationId(),
                            address, own, audience), page);
                });
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
                .chain(() -> contacts.ofReservation(change.reservationId()))
                // The visit as notice knew it before this change (remember updates the same row).
                .map(known -> known == null ? null : new Visit(known.vet, known.visitDate))
                .chain(before -> remember(change.reservationId(), change.contact())
                        .chain(contact -> notifyChange(change, contact)
                                .chain(() -> startsAwaitingApproval(change, before) ? notifyClinic(change, contact)
                                        : Uni.createFrom().voidItem())));
    }

    private record Visit(String vet, LocalDate date) {
    }

    /**
     * Whether the change puts an appointment in front of staff for approval: placed awaiting approval, or moved
     * (another vet or day) onto a schedule that needs it. A change of contact fields while awaiting is not.
     */
    static boolean startsAwaitingApproval(ReservationChange change, Visit before) {
        ReservationChange.Contact now = change.contact();
        String status = change.status() != null ? change.status() : now == null ? null : now.status();
        if (!"AWAITING_APPROVAL".equals(status)) {
            return false;
        }
        return switch (change.type()) {
            case "ReservationPlaced" -> true;
            case "ReservationChanged" -> before == null || now == null || !Objects.equals(before.vet(), now.vet())
                    || !Objects.equals(before.date(), now.date());
            default -> false;
        };
    }

    /**
     * One notification to the clinic's recipient (decision 0061), beside the customer's, for the same event: its
     * webhook when configured, else its e-mail address (by e-mail where the service sends e-mail, else the log).
     */
    private Uni<Void> notifyClinic(ReservationChange change, ReservationContact contact) {
        Optional<URI> webhook = clinic.webhookUrl();
        Optional<String> email = clinic.email().map(String::strip).filter(address -> !address.isEmpty());
        if (webhook.isEmpty() && email.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Notification n = newNotification(change.eventId(), change.type(), change.reservationId());
        n.audience = Audience.CLINIC;
        if (webhook.isPresent()) {
            n.channel = ChannelKind.WEBHOOK;
            n.recipient = webhook.get().toString();
        } else {
            n.channel = settings.channel() == ChannelKind.EMAIL ? ChannelKind.EMAIL : ChannelKind.LOG;
            n.recipient = email.get();
        }
        n.message = MessageTemplates.clinic(n.language, facts(change, contact), clinic.approvalsLink());
        n.nextAttemptAt = Instant.now();
        return notifications.add(n);
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
