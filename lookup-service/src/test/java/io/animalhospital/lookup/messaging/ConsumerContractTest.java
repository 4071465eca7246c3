package io.animalhospital.lookup.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.lookup.ClinicEvents;
import io.animalhospital.lookup.domain.AppointmentStatus;
import io.animalhospital.lookup.domain.BillStatus;
import io.animalhospital.lookup.domain.NotificationStatus;
import io.animalhospital.lookup.domain.ReservationStatus;

/**
 * The events lookup-service reads, checked against their producers' schemas (the contract): what the tests feed
 * the consumers is what the producers publish, and the consumers know only types, fields and statuses the
 * producers declare. A producer that renames a type, a field or a status the view reads fails here.
 */
class ConsumerContractTest {

    private static final Instant T = Instant.parse("2031-05-14T09:00:00Z");

    /**
     * What each consumer reads from a topic: its type enum, the record of fields it reads per event type it acts
     * on, and the statuses it knows.
     */
    record Reading(String topic, Class<? extends Enum<?>> types, Map<String, Class<?>> fieldsByType,
            Class<? extends Enum<?>> statuses) {

        Set<String> typesRead() {
            return fieldsByType.keySet();
        }
    }

    private static final List<Reading> READINGS = List.of(
            new Reading(ClinicEvents.RESERVATIONS, ReservationEventType.class,
                    every(ReservationEventType.values(), ReservationEventsConsumer.Fields.class), ReservationStatus.class),
            new Reading(ClinicEvents.DIAGNOSIS, DiagnosisEventType.class, Map.of(
                    "AppointmentApproved", DiagnosisEventsConsumer.Fields.class,
                    "AppointmentDeclined", DiagnosisEventsConsumer.Fields.class,
                    "Treated", DiagnosisEventsConsumer.TreatedFields.class), AppointmentStatus.class),
            new Reading(ClinicEvents.BILLING, BillingEventType.class,
                    every(BillingEventType.values(), BillingEventsConsumer.Fields.class), BillStatus.class),
            new Reading(ClinicEvents.NOTICES, NoticeEventType.class,
                    every(NoticeEventType.values(), NoticeEventsConsumer.Fields.class), NotificationStatus.class));

    @Test
    void everyEventTheTestsFeedTheConsumersIsValid() {
        // Each is validated against its producer's schema as it is built (ClinicEvents); here every kind once.
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        List<ClinicEvents.Sent> all = new ArrayList<>();
        all.add(story.reservation("ReservationPlaced", "AWAITING_APPROVAL", T));
        all.add(story.reservation("ReservationApproved", "RESERVED", T));
        all.add(story.reservation("ReservationChanged", "RESERVED", T));
        all.add(story.reservation("ReservationCancelled", "CANCELLED", T));
        all.add(story.reservation("ReservationTreated", "TREATED", T));
        all.add(story.approved(T));
        all.add(story.declined(T));
        all.add(story.moved(T));
        all.add(story.treated(T));
        all.add(story.billIssued(T));
        all.add(story.billPaid(T));
        all.add(story.notification("SENT", "Reservation received", T));
        all.add(story.notification("FAILED", "Reservation received", T));
        for (ClinicEvents.Sent sent : all) {
            ClinicEvents.contract(sent.topic()).assertValid(sent.json());
        }
        // Every type the consumers act on is among them.
        for (Reading reading : READINGS) {
            List<String> fed = all.stream().filter(s -> s.topic().equals(reading.topic()))
                    .map(s -> type(s.json())).toList();
            assertThat(fed).as(reading.topic()).containsAll(reading.typesRead());
        }
    }

    @Test
    void theConsumersReadEveryTypeTheyShow() {
        // The diagnosis consumer shows every type but AppointmentMoved: the table above must say the same.
        assertThat(READINGS.get(1).typesRead()).containsExactlyInAnyOrderElementsOf(Stream.of(DiagnosisEventType.values())
                .filter(DiagnosisEventType::shown).map(Enum::name).toList());
    }

    @Test
    void theConsumersKnowOnlyEventTypesTheProducersPublish() {
        for (Reading reading : READINGS) {
            assertThat(ClinicEvents.contract(reading.topic()).eventTypes()).as(reading.topic())
                    .containsAll(names(reading.types().getEnumConstants()));
        }
    }

    @Test
    void theConsumersReadOnlyFieldsAndStatusesTheProducersDeclare() {
        List<String> problems = new ArrayList<>();
        for (Reading reading : READINGS) {
            JsonNode defs = schema(reading.topic()).path("$defs");
            for (String type : reading.typesRead()) {
                declared(reading.fieldsByType().get(type), defs.path(type), reading.topic() + " " + type + ": ", reading.statuses(),
                        problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Each component of the record (recursively) is a property of the schema; each status one the view knows. */
    private static void declared(Class<?> record, JsonNode schema, String path, Class<? extends Enum<?>> statuses,
            List<String> problems) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            JsonNode property = schema.path("properties").path(name);
            if (property.isMissingNode()) {
                problems.add(path + name + " is read but not in the schema");
                continue;
            }
            if (name.equals("status")) {
                statusValues(property).stream()
                        .filter(value -> names(statuses.getEnumConstants()).stream().noneMatch(value::equals))
                        .forEach(value -> problems.add(path + name + " may be " + value + ", unknown to " + statuses.getSimpleName()));
            }
            Class<?> type = component.getType();
            if (type.isRecord()) {
                declared(type, property, path + name + ".", statuses, problems);
            } else if (List.class.isAssignableFrom(type) && elementType(component) instanceof Class<?> element
                    && element.isRecord()) {
                declared(element, property.path("items"), path + name + "[].", statuses, problems);
            }
        }
    }

    private static List<String> statusValues(JsonNode property) {
        if (property.has("const")) {
            return List.of(property.get("const").asText());
        }
        List<String> values = new ArrayList<>();
        property.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Type elementType(RecordComponent component) {
        return ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
    }

    private static JsonNode schema(String topic) {
        try {
            return new ObjectMapper().readTree(Files.readString(repositoryRoot()
                    .resolve(ClinicEvents.PRODUCERS.get(topic)).resolve("src/main/resources/events/" + topic + ".schema.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("deploy/platform"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static String type(String json) {
        try {
            return new ObjectMapper().readTree(json).path("type").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Class<?>> every(Enum<?>[] types, Class<?> fields) {
        return Arrays.stream(types).collect(Collectors.toMap(Enum::name, type -> fields));
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
