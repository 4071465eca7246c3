package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.asReservationService;
import static io.animalhospital.diagnosis.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.EventContract;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The producer's side of the contract: every event this service emits on {@code diagnosis-events} is valid against
 * its schema (src/main/resources/events/diagnosis-events.schema.json), and the flows below emit every type it
 * defines.
 */
@QuarkusTest
class DiagnosisEventsContractTest {

    private static final EventContract CONTRACT = EventContract.of("diagnosis-service", "diagnosis-events");

    @Test
    void everyEmittedEventIsValidAndEveryTypeIsEmitted() {
        String approval = ScheduleResourceTest.newSchedule("Dr. Contract", 3, true);
        String open = ScheduleResourceTest.newSchedule("Dr. Open", 3, false);
        String withdrawn = ScheduleResourceTest.newSchedule("Dr. Gone", 3, false);
        UUID treated = UUID.randomUUID();
        UUID declined = UUID.randomUUID();
        UUID cut = UUID.randomUUID();

        AppointmentFlowTest.book(treated, approval).then().statusCode(201);
        asStaff().post("/appointments/" + treated + "/approve").then().statusCode(200);
        asReservationService().contentType(ContentType.JSON).body("{\"scheduleId\":\"" + open + "\"}")
                .put("/appointments/" + treated + "/schedule").then().statusCode(200);
        asStaff().contentType(ContentType.JSON)
                .body("{\"doctor\":\"Dr. Open\",\"medicalOpinion\":\"otitis\",\"treatment\":\"ear drops\","
                        + "\"prescription\":null,\"items\":[{\"code\":\"EXAM\",\"quantity\":1}]}")
                .post("/appointments/" + treated + "/treatment").then().statusCode(200);
        AppointmentFlowTest.book(declined, open).then().statusCode(201);
        asStaff().contentType(ContentType.JSON).body("{\"reason\":\"vet is ill\"}")
                .post("/appointments/" + declined + "/decline").then().statusCode(200);
        AppointmentFlowTest.book(cut, withdrawn).then().statusCode(201);
        asStaff().delete("/schedules/" + withdrawn).then().statusCode(200);

        Set<String> mine = Set.of(treated.toString(), declined.toString(), cut.toString());
        try (TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
                TestKafka.Reader events = kafka.reader("diagnosis-events")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.matching(r -> mine.contains(r.key())), list -> list.size() >= 5);
            List<ConsumerRecord<String, String>> emitted = events.poll();
            // Every event on the topic, those of the other tests included.
            emitted.forEach(r -> CONTRACT.assertValid(r.value()));
            Set<String> types = emitted.stream().filter(r -> mine.contains(r.key()))
                    .map(r -> TestKafka.Reader.headers(r).get("ce_type")).collect(Collectors.toSet());
            assertThat(types).isEqualTo(CONTRACT.eventTypes());
        }
    }

}
