package io.animalhospital.notice.domain;

/**
 * Whom a notification is for. SPEC §5 invariant 4 ("every status change has exactly one notification record")
 * counts the customer's; the clinic's are more, for staff (decision 0061).
 */
public enum Audience {
    /** The reservation's contact: every status change and bill. */
    CUSTOMER,
    /** The clinic's configured recipient: an appointment started awaiting approval. */
    CLINIC
}
