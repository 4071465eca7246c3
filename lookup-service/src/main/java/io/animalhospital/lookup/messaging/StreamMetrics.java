package io.animalhospital.lookup.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Vert.x event-bus metrics are tagged with the address, and live status changes use one address per reservation
 * ({@link StatusChangeBus}): every reservation ever changed would add meters that are never removed, which filled
 * the heap under load (docs/decisions/0053). Those meters are dropped; the event bus's other addresses keep theirs.
 */
@Singleton
public class StreamMetrics {

    @Produces
    @Singleton
    public MeterFilter withoutPerReservationAddresses() {
        return MeterFilter.deny(id -> {
            String address = id.getTag("address");
            return address != null && address.startsWith(StatusChangeBus.ADDRESS_PREFIX);
        });
    }
}
