package io.animalhospital.lookup.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import io.animalhospital.lookup.domain.ClinicException;
import io.animalhospital.lookup.domain.ClinicException.Reason;

/** Reservation ids in paths: strict, because {@link UUID#fromString} alone also takes shortened forms such as "1-2-3-4-5". */
final class ReservationIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ReservationIds() {
    }

    static boolean isUuid(String value) {
        return value != null && UUID_TEXT.matcher(value).matches();
    }

    static UUID parse(String value) {
        if (!isUuid(value)) {
            throw new ClinicException(Reason.INVALID_RESERVATION_ID, "'" + value + "' is not a UUID");
        }
        return UUID.fromString(value);
    }
}
