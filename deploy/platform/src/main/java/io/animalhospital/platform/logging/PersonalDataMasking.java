package io.animalhospital.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and e-mail addresses in a log message, whoever wrote it (our code, a library, an exception's
 * text): {@code 010-****-**78}, {@code c***@clinic.example}. Numbers are phone-shaped ones only (Korean 2-3/3-4/4
 * groups, or a leading 0 or + and 9 to 15 digits), so dates, times, ids and counts stay readable.
 */
public final class PersonalDataMasking {

    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w.+-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(?0?\\d{1,3}\\)?[ .-])\\d{3,4}[ .-]\\d{4}(?![\\w-])"
                    + "|(?<![\\w.+-])(?:\\+\\d{9,15}|0\\d{8,10})(?![\\w-])");
    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");

    private PersonalDataMasking() {
    }

    /** The text with every phone number and e-mail address masked; the same text when it has none. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        if (masked.indexOf('@') >= 0) {
            masked = EMAIL.matcher(masked).replaceAll("$1***@$2");
        }
        Matcher phone = PHONE.matcher(masked);
        if (!phone.find()) {
            return masked;
        }
        StringBuilder out = new StringBuilder(masked.length());
        do {
            phone.appendReplacement(out, Matcher.quoteReplacement(maskDigits(phone.group())));
        } while (phone.find());
        phone.appendTail(out);
        return out.toString();
    }

    /** All digits but the last two starred; the leading + or 0 kept so that it still reads as a phone. */
    private static String maskDigits(String phone) {
        int keepFrom = phone.length();
        for (int digits = 0; keepFrom > 0 && digits < 2; ) {
            if (Character.isDigit(phone.charAt(--keepFrom))) {
                digits++;
            }
        }
        StringBuilder out = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            boolean lead = i == 0 && (c == '0' || c == '+');
            out.append(Character.isDigit(c) && i < keepFrom && !lead ? '*' : c);
        }
        return out.toString();
    }
}
