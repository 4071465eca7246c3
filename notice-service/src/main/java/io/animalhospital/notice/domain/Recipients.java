package io.animalhospital.notice.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.animalhospital.platform.security.PhoneNumbers;

/**
 * Addresses as notice stores, matches and logs them: phones in their one normal form (SPEC §3), so that a customer
 * is found whichever way the number was written; and never a whole phone or e-mail address in a log line.
 */
public final class Recipients {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+)");
    /** A phone number inside free text (an error a gateway or mail server gave back): 9 or more digits. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9](?:[ .()-]?[0-9]){8,}");

    private Recipients() {
    }

    /** A phone in its normal form; an e-mail address, or a number that cannot be normalised, as it came (trimmed). */
    public static String normalised(String address) {
        if (address == null) {
            return null;
        }
        return PhoneNumbers.normalise(address).orElse(address.strip());
    }

    /** For a log line: {@code 010-****-**78}, or {@code m***@example.com}. */
    public static String masked(String address) {
        if (address == null) {
            return null;
        }
        Matcher email = EMAIL.matcher(address);
        return email.matches() ? email.group(1) + "***" + email.group(2) : PhoneNumbers.masked(address);
    }

    /** Free text for a log line with every phone number and e-mail address in it masked. */
    public static String redacted(String text) {
        if (text == null) {
            return null;
        }
        String withoutEmails = EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***" + m.group(2)));
        return PHONE.matcher(withoutEmails).replaceAll(m -> Matcher.quoteReplacement(PhoneNumbers.masked(m.group())));
    }
}
