package io.animalhospital.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.animalhospital.infra.EventContract;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.restassured.specification.RequestSpecification;

/**
 * The neighbours of billing-service as the tests play them: diagnosis-service publishing {@code Treated},
 * reservation-service publishing whose each reservation is, the people signed in, and a reader of everything
 * billing-service published.
 */
final class Clinic {

    static final String DIAGNOSIS_EVENTS = "diagnosis-events";
    static final String RESERVATION_EVENTS = "reservation-events";
    static final String BILLING_EVENTS = "billing-events";
    static final ObjectMapper JSON = new ObjectMapper();
    /** diagnosis-service's contract: every event these tests play as diagnosis-service must satisfy it. */
    static final EventContract DIAGNOSIS_CONTRACT = EventContract.of("diagnosis-service", DIAGNOSIS_EVENTS);
    /** reservation-service's contract: every reservation event these tests feed billing must satisfy it. */
    static final EventContract RESERVATION_CONTRACT = EventContract.of("reservation-service", RESERVATION_EVENTS);
    /** This service's own contract for what it publishes. */
    static final EventContract BILLING_CONTRACT = EventContract.of("billing-service", BILLING_EVENTS);

    private Clinic() {
    }

    /** A {@code Treated} event exactly as diagnosis-service publishes it; items as code, quantity pairs. */
    static String treated(UUID eventId, UUID reservationId, Object... codesAndQuantities) {
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", eventId.toString())
                .put("type", "Treated")
                .put("occurredAt", Instant.now().toString())
                .put("reservationId", reservationId.toString())
                .put("scheduleId", UUID.randomUUID().toString())
                .put("status", "TREATED");
        ObjectNode record = event.putObject("medicalRecord")
                .put("doctor", "Dr. Kim")
                .put("medicalOpinion", "Mild gastritis")
                .put("treatment", "Rest and bland diet")
                .put("prescription", "Famotidine 5 mg");
        ArrayNode items = record.putArray("items");
        for (int i = 0; i < codesAndQuantities.length; i += 2) {
            items.addObject().put("code", (String) codesAndQuantities[i]).put("quantity", (Integer) codesAndQuantities[i + 1]);
        }
        return event.toString();
    }

    static void sendTreated(TestKafka kafka, UUID eventId, UUID reservationId, Object... codesAndQuantities) {
        sendDiagnosisEvent(kafka, reservationId, treated(eventId, reservationId, codesAndQuantities));
    }

    /** An {@code AppointmentApproved} as diagnosis-service publishes it: billing records it and bills nothing. */
    static String approved(UUID eventId, UUID reservationId) {
        return JSON.createObjectNode()
                .put("eventId", eventId.toString())
                .put("type", "AppointmentApproved")
                .put("occurredAt", Instant.now().toString())
                .put("reservationId", reservationId.toString())
                .put("scheduleId", UUID.randomUUID().toString())
                .put("status", "BOOKED")
                .toString();
    }

    /** Sends an event of diagnosis-events after checking it against diagnosis-service's schema. */
    static void sendDiagnosisEvent(TestKafka kafka, UUID reservationId, String event) {
        DIAGNOSIS_CONTRACT.assertValid(event);
        kafka.send(DIAGNOSIS_EVENTS, reservationId.toString(), event);
    }

    /**
     * A reservation event exactly as reservation-service publishes it (every type carries the reservation after
     * the change, its phone and version included).
     */
    static String reservationEvent(UUID eventId, String type, UUID reservationId, String phone, Instant updatedAt) {
        String status = switch (type) {
            case "ReservationCancelled" -> "CANCELLED";
            case "ReservationTreated" -> "TREATED";
            default -> "RESERVED";
        };
        ObjectNode event = JSON.createObjectNode()
                .put("eventId", eventId.toString())
                .put("type", type)
                .put("occurredAt", updatedAt.toString())
                .put("reservationId", reservationId.toString())
                .put("status", status);
        if ("ReservationCancelled".equals(type)) {
            event.put("reason", "CUSTOMER");
        }
        event.putObject("reservation")
                .put("id", reservationId.toString())
                .put("status", status)
                .put("scheduleId", UUID.randomUUID().toString())
                .put("vet", "Park")
                .put("date", "2031-05-04")
                .put("ownerName", "Kim Minji")
                .put("phone", phone)
                .putNull("email")
                .put("petName", "Coco")
                .put("species", "dog")
                .put("reason", "limping")
                .put("createdAt", updatedAt.toString())
                .put("updatedAt", updatedAt.toString());
        return event.toString();
    }

    /** Sends an event of reservation-events after checking it against reservation-service's schema. */
    static void sendReservationEvent(TestKafka kafka, UUID reservationId, String event) {
        RESERVATION_CONTRACT.assertValid(event);
        kafka.send(RESERVATION_EVENTS, reservationId.toString(), event);
    }

    /** reservation-service tells whose the reservation is (a placement), and billing has recorded it. */
    static void placed(TestKafka kafka, TestDatabase db, UUID reservationId, String phone) {
        UUID eventId = UUID.randomUUID();
        sendReservationEvent(kafka, reservationId, reservationEvent(eventId, "ReservationPlaced", reservationId, phone,
                Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId) == 1);
    }

    /** The people of SPEC §7, with tokens signed by the test run's Keycloak realm. */
    static TestIdentity identity() {
        return TestIdentity.fromConfig();
    }

    /** A request as the given token's bearer. */
    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A request as a member of staff, who may read every bill. */
    static RequestSpecification asStaff() {
        return as(identity().staff());
    }

    /** Waits until the reservation's bill is served by the API (to staff) and returns it. */
    static JsonNode awaitBill(UUID reservationId) {
        return awaitBill("", identity().staff(), reservationId);
    }

    static JsonNode awaitBill(String baseUrl, String token, UUID reservationId) {
        JsonNode[] bill = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode bills = json(as(token).queryParam("reservationId", reservationId.toString())
                    .get(baseUrl + "/bills").then().statusCode(200).extract().asString());
            bill[0] = bills.size() == 1 ? bills.get(0) : null;
            return bill[0] != null;
        });
        return bill[0];
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(text, e);
        }
    }

    /** Once the outbox is empty, everything billing-service committed has been acknowledged by the broker. */
    static void awaitOutboxRelayed(TestDatabase db) {
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM outbox_event") == 0);
    }

    /** Every record of the topic, up to its end offsets at the time of the call. */
    static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The events of the given type about the given bill, parsed. */
    static List<JsonNode> events(List<ConsumerRecord<String, String>> records, String type, String billId) {
        return records.stream().map(r -> json(r.value()))
                .filter(e -> type.equals(e.path("type").asText()) && billId.equals(e.path("billId").asText()))
                .toList();
    }
}
