package io.animalhospital.platform.security;

import java.util.Optional;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who sends the request, as the service layer needs it: the token's subject and name (recorded with staff
 * actions), the realm roles, and for a customer the phone of their account in its normal form (what they own).
 *
 * @param subject the token's {@code sub}
 * @param name the person's name ({@code name}, else {@code preferred_username})
 * @param phone the account's phone number, normalised; empty for staff and for an account without one
 */
public record Caller(String subject, String name, Optional<String> phone, Set<String> roles) {

    public static final String PHONE_CLAIM = "phone_number";

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller(null, null, Optional.empty(), Set.of());
        }
        String subject = identity.getPrincipal().getName();
        String name = subject;
        Optional<String> phone = Optional.empty();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            subject = Optional.ofNullable(token.getSubject()).orElse(subject);
            name = Optional.ofNullable(token.<String>getClaim("name"))
                    .or(() -> Optional.ofNullable(token.<String>getClaim("preferred_username"))).orElse(subject);
            phone = Optional.ofNullable(token.getClaim(PHONE_CLAIM)).map(Object::toString)
                    .map(PhoneNumbers::normalise).flatMap(p -> p);
        }
        return new Caller(subject, name, phone, Set.copyOf(identity.getRoles()));
    }

    public boolean isStaff() {
        return roles.contains(Roles.STAFF) || roles.contains(Roles.ADMIN);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /**
     * Whether this caller may see and change what carries the given phone: staff always, a customer only their
     * own (in normal form). The services answer 404 otherwise, so that another customer's id does not leak.
     */
    public boolean mayAccess(String ownerPhone) {
        if (isStaff()) {
            return true;
        }
        return roles.contains(Roles.CUSTOMER) && phone.isPresent() && ownerPhone != null
                && phone.get().equals(PhoneNumbers.normalise(ownerPhone).orElse(ownerPhone));
    }

    /** The customer's phone, for a placement; a customer's account without one cannot own anything. */
    public String requirePhone() {
        return phone.orElseThrow(() -> new MissingPhoneException());
    }

    /** The account has no phone number: it cannot place or own reservations (answered 403). */
    public static final class MissingPhoneException extends RuntimeException {
        public MissingPhoneException() {
            super("Your account has no phone number; add one to your profile to book");
        }
    }
}
