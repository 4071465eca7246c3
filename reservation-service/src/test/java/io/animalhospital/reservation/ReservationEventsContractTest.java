package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.EventContract;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The producer's side of the contract: every event this service emits on {@code reservation-events} is valid against
 * its schema (src/main/resources/events/reservation-events.schema.json), and the flows below emit every type it
 * defines. The NOT_CONFIRMED cancellations of LostAnswerTest and OutboxTest are checked here too when they ran first.
 */
@QuarkusTest
class ReservationEventsContractTest {

    private static final EventContract CONTRACT = EventContract.of("reservation-service", "reservation-events");

    @Test
    void everyEmittedEventIsValidAndEveryTypeIsEmitted() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Contract", 3, true);
        String treated = ReservationFlowTest.place(scheduleId, "010-8080-0001").then().statusCode(201)
                .extract().path("id");
        String owner = "010-8080-0002";
        String cancelled = ReservationFlowTest.place(scheduleId, owner).then().statusCode(201)
                .extract().path("id");
        Api.customer(owner).contentType(ContentType.JSON).body("{\"email\":null,\"petName\":\"Nabi\"}")
                .patch("/reservations/" + cancelled).then().statusCode(200);
        Api.customer(owner).delete("/reservations/" + cancelled).then().statusCode(200);
        DiagnosisService.clinic().post("/appointments/" + treated + "/approve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESERVED".equals(
                Api.staff().get("/reservations/" + treated).then().extract().path("status")));
        DiagnosisService.clinic().contentType(ContentType.JSON)
                .body("{\"doctor\":\"Dr. Contract\",\"medicalOpinion\":\"otitis\",\"treatment\":\"ear drops\","
                        + "\"prescription\":null,\"items\":[{\"code\":\"EXAM\",\"quantity\":1}]}")
                .post("/appointments/" + treated + "/treatment").then().statusCode(200);

        Set<String> mine = Set.of(treated, cancelled);
        try (TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
                TestKafka.Reader events = kafka.reader("reservation-events")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.matching(r -> mine.contains(r.key())), list -> list.size() >= 6);
            List<ConsumerRecord<String, String>> emitted = events.poll();
            // Every event on the topic, those of the other tests included.
            emitted.forEach(r -> CONTRACT.assertValid(r.value()));
            Set<String> types = emitted.stream().filter(r -> mine.contains(r.key()))
                    .map(r -> TestKafka.Reader.headers(r).get("ce_type")).collect(Collectors.toSet());
            assertThat(types).isEqualTo(CONTRACT.eventTypes());
        }
    }
}
