package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.BILLING_EVENTS;
import static io.animalhospital.billing.Clinic.DIAGNOSIS_EVENTS;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.json;
import static io.animalhospital.billing.Clinic.sendTreated;
import static io.animalhospital.billing.Clinic.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** {@code Treated} on diagnosis-events → exactly one priced bill and one {@code BillIssued} on billing-events. */
@QuarkusTest
class BillIssuingTest {

    private static TestKafka kafka;
    private static TestDatabase db;
    private static String bootstrapServers;

    @BeforeAll
    static void connect() {
        bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka = new TestKafka(bootstrapServers);
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void treatmentIsBilledFromThePriceListAndAnnounced() {
        UUID reservationId = UUID.randomUUID();
        try (TestKafka.Reader billingEvents = kafka.reader(BILLING_EVENTS)) {
            sendTreated(kafka, UUID.randomUUID(), reservationId, "XRAY", 2, "BLOOD_TEST", 1);

            JsonNode bill = awaitBill(reservationId);
            assertThat(bill.get("status").asText()).isEqualTo("ISSUED");
            assertThat(bill.get("currency").asText()).isEqualTo("KRW");
            assertThat(bill.get("total").asLong()).isEqualTo(10_000 + 2 * 30_000 + 25_000);
            assertThat(bill.get("paidAt").isNull()).isTrue();
            assertThat(bill.get("issuedAt").asText()).isNotBlank();
            assertThat(lines(bill)).containsExactly(
                    "CONSULTATION|Consultation|1|10000|10000",
                    "XRAY|X-ray|2|30000|60000",
                    "BLOOD_TEST|Blood test|1|25000|25000");
            String billId = bill.get("id").asText();
            assertThat(json(asStaff().get("/bills/" + billId).then().statusCode(200).extract().asString()))
                    .isEqualTo(bill);

            ConsumerRecord<String, String> issued = awaitEvent(billingEvents, reservationId, "BillIssued");
            Map<String, String> headers = TestKafka.Reader.headers(issued);
            assertThat(headers).containsEntry("ce_type", "BillIssued")
                    .containsEntry("ce_subject", reservationId.toString())
                    .containsEntry("ce_source", "/billing-service")
                    .containsKeys("ce_id", "ce_time", "ce_specversion");
            JsonNode event = json(issued.value());
            assertThat(headers.get("ce_id")).isEqualTo(event.get("eventId").asText());
            assertThat(event.get("reservationId").asText()).isEqualTo(reservationId.toString());
            assertThat(event.get("billId").asText()).isEqualTo(billId);
            assertThat(event.get("status").asText()).isEqualTo("ISSUED");
            assertThat(event.get("total").asLong()).isEqualTo(95_000);
            assertThat(event.get("currency").asText()).isEqualTo("KRW");
            assertThat(Instant.parse(event.get("occurredAt").asText())).isNotNull();
            assertThat(lines(event)).isEqualTo(lines(bill));
        }
    }

    @Test
    void aReservationIsBilledOnceWhateverTheDuplicates() {
        UUID reservationId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        sendTreated(kafka, eventId, reservationId, "XRAY", 1);
        sendTreated(kafka, eventId, reservationId, "XRAY", 1);
        // Another event for the same treatment (e.g. republished with a new id): still no second bill.
        UUID secondId = UUID.randomUUID();
        sendTreated(kafka, secondId, reservationId, "SURGERY", 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(secondId) == 1);
        assertThat(processed(eventId)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM bill WHERE reservation_id = ?", reservationId)).isEqualTo(1);
        JsonNode bill = awaitBill(reservationId);
        assertThat(bill.get("total").asLong()).isEqualTo(40_000);

        Clinic.awaitOutboxRelayed(db);
        List<ConsumerRecord<String, String>> published = Clinic.readAll(bootstrapServers, BILLING_EVENTS);
        assertThat(Clinic.events(published, "BillIssued", bill.get("id").asText())).hasSize(1);
    }

    @Test
    void unknownItemCodesAreBilledAtTheDefaultPrice() {
        UUID reservationId = UUID.randomUUID();
        sendTreated(kafka, UUID.randomUUID(), reservationId, "ACUPUNCTURE", 3, "XRAY", 1);

        JsonNode bill = awaitBill(reservationId);
        assertThat(lines(bill)).containsExactly(
                "CONSULTATION|Consultation|1|10000|10000",
                "ACUPUNCTURE|ACUPUNCTURE (not in price list)|3|10000|30000",
                "XRAY|X-ray|1|30000|30000");
        assertThat(bill.get("total").asLong()).isEqualTo(70_000);
    }

    @Test
    void aTreatmentWithoutItemsCostsTheConsultation() {
        UUID reservationId = UUID.randomUUID();
        sendTreated(kafka, UUID.randomUUID(), reservationId);

        JsonNode bill = awaitBill(reservationId);
        assertThat(lines(bill)).containsExactly("CONSULTATION|Consultation|1|10000|10000");
        assertThat(bill.get("total").asLong()).isEqualTo(10_000);
    }

    @Test
    void otherDiagnosisEventsBillNothing() {
        UUID reservationId = UUID.randomUUID();
        UUID approved = UUID.randomUUID();
        Clinic.sendDiagnosisEvent(kafka, reservationId, Clinic.approved(approved, reservationId));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(approved) == 1);
        assertThat(db.count("SELECT count(*) FROM bill WHERE reservation_id = ?", reservationId)).isZero();
        asStaff().queryParam("reservationId", reservationId.toString()).get("/bills")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void anUnreadableTreatedGoesToTheDlqAndLeavesNothingBehind() {
        UUID reservationId = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        try (TestKafka.Reader dlq = kafka.reader(DIAGNOSIS_EVENTS + ".dlq")) {
            // Deliberately off the contract: a quantity that is not a number.
            kafka.send(DIAGNOSIS_EVENTS, reservationId.toString(), Clinic.treated(broken, reservationId, "XRAY", 1)
                    .replace("\"quantity\":1", "\"quantity\":\"one\""));
            UUID next = UUID.randomUUID();
            sendTreated(kafka, next, UUID.randomUUID(), "XRAY", 1);

            await().atMost(Duration.ofSeconds(30)).until(() -> processed(next) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dlq.matching(r -> reservationId.toString().equals(r.key())).isEmpty());
        }
        assertThat(processed(broken)).isZero();
        assertThat(db.count("SELECT count(*) FROM bill WHERE reservation_id = ?", reservationId)).isZero();
    }

    private static ConsumerRecord<String, String> awaitEvent(TestKafka.Reader reader, UUID reservationId, String type) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found[0] = reader.matching(r -> reservationId.toString().equals(r.key())
                    && type.equals(json(r.value()).path("type").asText())).stream().findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static List<String> lines(JsonNode billOrEvent) {
        return java.util.stream.StreamSupport.stream(billOrEvent.get("lines").spliterator(), false)
                .map(l -> l.get("code").asText() + "|" + l.get("description").asText() + "|" + l.get("quantity").asInt()
                        + "|" + l.get("unitPrice").asLong() + "|" + l.get("amount").asLong())
                .toList();
    }

    private static long processed(UUID eventId) {
        return db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId);
    }
}
