package io.animalhospital.platform.paging;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A list's filters read from text: JAX-RS answers a query parameter it cannot convert with 404, a list answers
 * 400 naming the parameter. An absent or empty value is no filter ({@code null}).
 */
public final class ListParameters {

    private ListParameters() {
    }

    /** One of the enum's names, e.g. {@code status=AWAITING_APPROVAL}; the message lists those allowed. */
    public static <E extends Enum<E>> E oneOf(String parameter, String text, Class<E> type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** An ISO date, e.g. {@code 2026-12-24}. */
    public static LocalDate date(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, "must be a date like 2026-12-24");
        }
    }

    public static UUID uuid(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new InvalidParameterException(parameter, "must be an id (a UUID)");
    }

    /** {@code true} or {@code false}; absent or empty is {@code false}. */
    public static boolean flag(String parameter, String text) {
        if (text == null || text.isEmpty() || "false".equals(text)) {
            return false;
        }
        if ("true".equals(text)) {
            return true;
        }
        throw new InvalidParameterException(parameter, "must be true or false");
    }
}
