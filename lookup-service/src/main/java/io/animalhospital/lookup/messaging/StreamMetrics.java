package io.animalhospital.lookup.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.animalhospital.lookup.messaging.StatusChanges;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Vert.x event-bus metrics are tagged with the address, and live status changes use one address per reservation
 * ({@link StatusChanges}): every reservation ever changed would add meters that are never removed. Under load
 * that filled the heap within minutes and the service spent its CPU in full collections. Those meters are
 * dropped; the event bus's other addresses keep theirs.
 */
@Singleton
public class StreamMetrics {

    @Produces
    @Singleton
    public MeterFilter withoutPerReservationAddresses() {
        return MeterFilter.deny(id -> {
            String address = id.getTag("address");
            return address != null && address.startsWith(StatusChanges.ADDRESS_PREFIX);
        });
    }
}
