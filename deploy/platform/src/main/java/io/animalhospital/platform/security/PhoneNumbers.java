package io.animalhospital.platform.security;

import java.util.Optional;

/**
 * The one form a phone number is stored, sent and matched in (SPEC §3): Korean numbers with hyphens, e.g.
 * {@code 010-1234-5678}, {@code 02-123-4567}, {@code 031-123-4567}. Ownership is decided by this form, so
 * {@code 01012345678}, {@code 010 1234 5678} and {@code +82 10-1234-5678} are the same customer.
 */
public final class PhoneNumbers {

    /** What a request may carry: digits with optional separators and a +82 prefix (validated further by {@link #normalise}). */
    public static final String INPUT_PATTERN = "^\\+?[0-9][0-9 .()-]{6,22}$";

    private PhoneNumbers() {
    }

    /** The normal form, or empty when the text is not a Korean phone number. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip().replaceAll("[ .()-]", "");
        if (digits.startsWith("+82")) {
            digits = digits.substring(3);
            digits = digits.startsWith("0") ? digits : "0" + digits;
        }
        if (!digits.matches("0[0-9]{8,10}")) {
            return Optional.empty();
        }
        int n = digits.length();
        if (digits.startsWith("02")) {
            // Seoul: 02-XXX-XXXX or 02-XXXX-XXXX.
            return n == 9 || n == 10 ? Optional.of(digits.substring(0, 2) + "-" + digits.substring(2, n - 4) + "-"
                    + digits.substring(n - 4)) : Optional.empty();
        }
        // Mobile (01X), other areas (03X-06X) and 070: a three-digit prefix, then 3 or 4 digits, then 4.
        return n == 10 || n == 11 ? Optional.of(digits.substring(0, 3) + "-" + digits.substring(3, n - 4) + "-"
                + digits.substring(n - 4)) : Optional.empty();
    }

    /** The normal form; for text that must already have been validated. */
    public static String normalised(String text) {
        return normalise(text).orElseThrow(() -> new IllegalArgumentException("not a phone number"));
    }

    /** For logs: only the last two digits ({@code 010-****-**78}). */
    public static String masked(String phone) {
        if (phone == null || phone.length() < 2) {
            return phone;
        }
        String last = phone.substring(phone.length() - 2);
        return phone.substring(0, phone.length() - 2).replaceAll("[0-9]", "*").replaceFirst("^\\*\\*\\*", "0**") + last;
    }
}
