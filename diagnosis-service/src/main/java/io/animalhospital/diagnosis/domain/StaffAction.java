package io.animalhospital.diagnosis.domain;

import java.time.Instant;

import jakarta.persistence.Embeddable;

import io.animalhospital.platform.security.Caller;
import io.quarkus.security.ForbiddenException;

/**
 * Who on the staff did something, and when (SPEC §2: every staff action is recorded): the token's subject and the
 * person's name. Embedded in the entity that was acted on, one set of columns per kind of action.
 */
@Embeddable
public record StaffAction(String subject, String name, Instant at) {

    /**
     * The action of this caller now. Only staff act on schedules and appointments: the resources already let no one
     * else through, and this keeps an action that cannot say who did it from ever being recorded.
     */
    public static StaffAction by(Caller caller, Instant at) {
        if (caller == null || !caller.isStaff()) {
            throw new ForbiddenException("Only staff may do this");
        }
        return new StaffAction(caller.subject(), caller.name(), at);
    }
}
