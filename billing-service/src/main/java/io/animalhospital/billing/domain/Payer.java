package io.animalhospital.billing.domain;

import io.animalhospital.platform.security.Caller;

/**
 * Who paid a bill: the customer themselves, or staff recording a payment at the front desk ({@code atDesk}); the
 * token's subject and name, as the bill shows them.
 */
public record Payer(String subject, String name, boolean atDesk) {

    /** The columns hold 255 characters; a longer name is cut rather than refusing the payment. */
    private static final int MAX = 255;

    public static Payer of(Caller caller) {
        return new Payer(cut(caller.subject()), cut(caller.name()), caller.isStaff());
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX ? text : text.substring(0, MAX);
    }
}
