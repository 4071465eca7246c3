package io.animalhospital.notice.domain;

import java.time.LocalDate;

/**
 * What a message says: the event, the reservation it is about and, for bills, the amount. Anything but
 * {@code eventType} may be null (e.g. a reservation that was never confirmed has no vet or date).
 */
public record MessageFacts(String eventType, String status, String reason, String petName, String vet,
        LocalDate date, Long total, String currency, String method) {
}
