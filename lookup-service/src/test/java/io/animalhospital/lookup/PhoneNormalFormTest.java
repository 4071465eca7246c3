package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.platform.security.PhoneNumbers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One normal form for phone numbers (SPEC §3): events that carry another form (older events, a replay of old
 * topics) are stored normalised, so look-ups and ownership match; documents stored before are converted by the
 * migration V4, whose SQL function does what {@link PhoneNumbers#normalise} does.
 */
@QuarkusTest
class PhoneNormalFormTest {

    private static final String MIGRATION = "db/migration/V4__phone_normal_form.sql";
    private static TestKafka kafka;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aViewFedWithDigitsOnlyIsFoundByTheNormalForm() {
        String phone = ClinicEvents.uniquePhone();
        ClinicEvents story = new ClinicEvents(phone.replace("-", ""));
        story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
        ReservationStatusViewTest.awaitVersion(story, 1);
        String id = story.reservationId.toString();

        Access.asStaff().get("/reservation-status/" + id).then().statusCode(200).body("phone", equalTo(phone));
        for (String asked : List.of(phone, phone.replace("-", ""), "+82 " + phone.substring(1))) {
            Access.asStaff().queryParam("phone", asked).get("/reservation-status").then().statusCode(200)
                    .body("reservationId", hasItem(id));
        }
        Access.asCustomer(phone).get("/reservation-status").then().statusCode(200).body("reservationId", hasItem(id));
        Access.asCustomer(phone).queryParam("phone", phone).get("/reservation-status").then().statusCode(200)
                .body("reservationId", hasItem(id));
        Access.asCustomer(phone).get("/reservation-status/" + id).then().statusCode(200);
        Access.asCustomer(phone.replace("-", "")).get("/reservation-status/" + id).then().statusCode(200);
    }

    @Test
    void textThatIsNoPhoneNumberIsKeptAsItCame() {
        ClinicEvents story = new ClinicEvents("ask at the desk");
        story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
        ReservationStatusViewTest.awaitVersion(story, 1);
        Access.asStaff().get("/reservation-status/" + story.reservationId).then().statusCode(200)
                .body("phone", equalTo("ask at the desk"));
    }

    /** The migration's function against the platform's normalisation, shape by shape. */
    @Test
    void theMigrationsFunctionNormalisesAsThePlatformDoes() {
        for (String phone : List.of("01012345678", "010-1234-5678", "010 1234 5678", "010.1234.5678", "(010)1234-5678",
                " 010-1234-5678 ", "+82 10-1234-5678", "+821012345678", "+82 010 1234 5678", "0111234567", "021234567",
                "0212345678", "02-123-4567", "031-123-4567", "0311234567", "07012345678", "0101234", "010123456789",
                "12345678901", "0212345678901", "ask at the desk", "", "+8210")) {
            String expected = PhoneNumbers.normalise(phone).orElse(phone);
            assertThat(db.query("SELECT phone_normal_form(?) AS p", phone).get(0).get("p")).as(phone).isEqualTo(expected);
        }
        assertThat(db.query("SELECT phone_normal_form(NULL) AS p").get(0).get("p")).isNull();
    }

    /** Documents stored in another form before the migration are converted; the rest stay as they are. */
    @Test
    void theMigrationConvertsStoredDocuments() throws IOException {
        UUID digits = UUID.randomUUID();
        UUID international = UUID.randomUUID();
        UUID text = UUID.randomUUID();
        db.execute("INSERT INTO reservation_status (reservation_id, phone) VALUES ('" + digits + "', '01055556666'), ('"
                + international + "', '+82 2-123-4567'), ('" + text + "', 'ask at the desk')");
        try {
            db.execute(migration());
            assertThat(phoneOf(digits)).isEqualTo("010-5555-6666");
            assertThat(phoneOf(international)).isEqualTo("02-123-4567");
            assertThat(phoneOf(text)).isEqualTo("ask at the desk");
        } finally {
            // Not from events: a rebuild would not bring them back, so they must not outlive the test.
            db.execute("DELETE FROM reservation_status WHERE reservation_id IN ('" + digits + "', '" + international
                    + "', '" + text + "')");
        }
    }

    private static Object phoneOf(UUID reservationId) {
        return db.query("SELECT phone FROM reservation_status WHERE reservation_id = ?", reservationId).get(0).get("phone");
    }

    private static String migration() throws IOException {
        try (InputStream script = PhoneNormalFormTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(script).as(MIGRATION).isNotNull();
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
