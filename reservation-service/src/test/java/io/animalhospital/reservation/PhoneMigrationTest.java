package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.platform.security.PhoneNumbers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The migration that brings stored phones to the normal form (V3) converts as the Java code does, and keeps what
 * it cannot convert; rows stored before it in any spelling belong to their customer afterwards.
 */
@QuarkusTest
class PhoneMigrationTest {

    private static final List<String> SPELLINGS = List.of("010-1234-5678", "01012345678", "010 1234 5678",
            "+82 10-1234-5678", "+821012345678", "(010) 1234.5678", "0212345678", "021234567", "02-123-4567",
            "0311234567", "031-123-4567", "07012345678", " 010-9876-5432 ", "12345", "abc", "010-1234-56789",
            "+1 415 555 0100", "");

    @Test
    void theSqlFunctionNormalisesAsPhoneNumbersDoes() {
        TestDatabase db = database();
        for (String spelling : SPELLINGS) {
            Object converted = db.query("SELECT normalised_phone(?) AS phone", spelling).get(0).get("phone");
            assertThat(converted).as(spelling).isEqualTo(PhoneNumbers.normalise(spelling).orElse(spelling));
        }
    }

    @Test
    void aReservationStoredInAnotherSpellingIsItsCustomersAfterTheMigration() throws IOException {
        TestDatabase db = database();
        String phone = Api.newPhone();
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO reservation (id, status, schedule_id, vet, date, owner_name, phone, pet_name, species,"
                + " created_at, updated_at) VALUES ('" + id + "', 'RESERVED', '" + UUID.randomUUID() + "', 'Dr. Old',"
                + " current_date, 'Old Customer', '" + phone.replace("-", "") + "', 'Bori', 'dog', now(), now())");
        // V3's statement over the stored rows, as it ran at start-up over what was there
        String update = Files.readAllLines(Path.of("src/main/resources/db/migration/V3__phones_in_normal_form.sql"))
                .stream().filter(line -> line.startsWith("UPDATE reservation")).findFirst().orElseThrow();
        db.execute(update.replace(";", ""));

        Api.customer(phone).get("/reservations/" + id).then().statusCode(200);
        Api.customer(phone.replace("-", "")).get("/reservations").then().statusCode(200)
                .body("id", hasItem(id.toString()));
    }

    private static TestDatabase database() {
        return new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }
}
