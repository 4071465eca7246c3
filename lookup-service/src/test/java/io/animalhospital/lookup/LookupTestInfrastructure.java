package io.animalhospital.lookup;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.animalhospital.infra.InfrastructureTestResource;
import io.animalhospital.infra.TestKafka;

/**
 * The shared real PostgreSQL and Kafka, plus events the other services published while lookup-service was
 * not running yet: they are on the topics before the application starts, so {@code CatchUpTest} can show that
 * a service that was down catches up.
 */
public class LookupTestInfrastructure extends InfrastructureTestResource {

    /** Fixed, because the test resource and the tests may not share a class loader. */
    static final UUID MISSED_RESERVATION = UUID.fromString("0d5f3a52-7c1e-4c55-9d1e-3a1b2c3d4e5f");
    static final String MISSED_PHONE = "010-0000-0001";
    static final Instant MISSED_AT = Instant.parse("2031-05-01T09:00:00Z");

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        ClinicEvents missed = new ClinicEvents(MISSED_RESERVATION, MISSED_PHONE);
        try (TestKafka kafka = new TestKafka(config.get("kafka.bootstrap.servers"))) {
            // Across the four topics, and not even in the order they happened.
            missed.billIssued(MISSED_AT.plusSeconds(30)).to(kafka);
            missed.treated(MISSED_AT.plusSeconds(20)).to(kafka);
            missed.reservation("ReservationPlaced", "RESERVED", MISSED_AT).to(kafka);
            missed.notification("SENT", "Your bill is ready", MISSED_AT.plusSeconds(31)).to(kafka);
        }
        return config;
    }
}
