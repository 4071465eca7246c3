package io.animalhospital.platform.security;

/** The realm roles of SPEC §7, as the services name them in {@code @RolesAllowed}. */
public final class Roles {

    /** A pet owner: owns the reservations made with the phone number of their account. */
    public static final String CUSTOMER = "customer";
    /** Vets and the front desk. */
    public static final String STAFF = "staff";
    /** Clinic operations: what staff may (the realm's admin role includes staff), plus view rebuild and dead letters. */
    public static final String ADMIN = "admin";
    /** reservation-service's own service account: the booking calls on diagnosis-service, nobody else. */
    public static final String RESERVATION_SERVICE = "reservation-service";

    private Roles() {
    }
}
