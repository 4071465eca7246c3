package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.BILLING_CONTRACT;
import static io.animalhospital.billing.Clinic.BILLING_EVENTS;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.json;
import static io.animalhospital.billing.Clinic.sendTreated;
import static io.animalhospital.billing.Clinic.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * billing-events is a contract (events/billing-events.schema.json): every event this service published during the
 * tests validates, and the flows below emit every type the schema defines.
 */
@QuarkusTest
class BillingEventsContractTest {

    private static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void everyPublishedEventKeepsTheContract() {
        UUID reservationId = UUID.randomUUID();
        try (TestKafka.Reader billingEvents = kafka.reader(BILLING_EVENTS)) {
            sendTreated(kafka, UUID.randomUUID(), reservationId, "XRAY", 1, "ACUPUNCTURE", 2);
            String billId = awaitBill(reservationId).get("id").asText();
            asStaff().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{\"amount\":60000,\"method\":\"TRANSFER\"}").post("/bills/" + billId + "/payments")
                    .then().statusCode(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> types(billingEvents.matching(
                    r -> reservationId.toString().equals(r.key()))).containsAll(Set.of("BillIssued", "BillPaid")));

            List<ConsumerRecord<String, String>> published = billingEvents.poll();
            published.forEach(record -> BILLING_CONTRACT.assertValid(record.value()));
            assertThat(types(published)).containsAll(BILLING_CONTRACT.eventTypes());
        }
    }

    private static Set<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> json(r.value()).path("type").asText()).collect(Collectors.toSet());
    }
}
