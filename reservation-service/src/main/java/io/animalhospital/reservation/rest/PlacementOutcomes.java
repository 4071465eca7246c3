package io.animalhospital.reservation.rest;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code reservation_placements_total{status}}: every answer to {@code POST /reservations} by its HTTP status (201
 * placed, 409 full or day passed, 503 booking unavailable, 4xx refused), counted here once, after the exception
 * mappers, so whatever path produced the answer it is counted the same (decision 0090).
 */
@Singleton
@Startup // the counters at 0 from the start, not from the first request
public class PlacementOutcomes {

    static final String METRIC = "reservation.placements";
    /** The outcomes a dashboard shows from the start (at 0), so the first of each is an increase. */
    private static final List<Integer> EXPECTED = List.of(201, 400, 409, 503);

    private final MeterRegistry registry;

    public PlacementOutcomes(MeterRegistry registry) {
        this.registry = registry;
        EXPECTED.forEach(this::counter);
    }

    @ServerResponseFilter
    public void count(SimpleResourceInfo resource, ContainerResponseContext response) {
        if (resource != null && resource.getResourceClass() == ReservationResource.class
                && ReservationResource.PLACE.equals(resource.getMethodName())) {
            counter(response.getStatus()).increment();
        }
    }

    private Counter counter(int status) {
        return Counter.builder(METRIC)
                .description("Answers to placements (POST /reservations) by HTTP status")
                .tag("status", String.valueOf(status))
                .register(registry);
    }
}
