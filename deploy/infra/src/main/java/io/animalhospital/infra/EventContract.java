package io.animalhospital.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The events of one topic as their producer publishes them: the JSON Schema the producing service owns, at
 * {@code <producer>/src/main/resources/events/<topic>.schema.json}. The producer's tests check that every event
 * it emits is valid; each consumer's tests check that the payloads it reads are, so a producer's change that
 * breaks a consumer fails the build.
 */
public final class EventContract {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final JsonNode document;
    private final JsonSchema schema;

    private EventContract(Path file) {
        this.file = file;
        try (InputStream in = Files.newInputStream(file)) {
            this.document = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event schema " + file, e);
        }
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
    }

    /** The contract of {@code topic}, owned by the service {@code producer} (a folder of this repository). */
    public static EventContract of(String producer, String topic) {
        return new EventContract(repositoryRoot().resolve(producer).resolve("src/main/resources/events")
                .resolve(topic + ".schema.json"));
    }

    /** The event types the schema defines (its {@code $defs}). */
    public Set<String> eventTypes() {
        List<String> names = new ArrayList<>();
        document.path("$defs").fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }

    /** Fails with every reason when {@code json} is not a valid event of this topic. */
    public void assertValid(String json) {
        JsonNode event;
        try {
            event = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        Set<ValidationMessage> errors = schema.validate(event);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event " + event.path("type").asText("?") + " breaks the contract " + file.getFileName()
                    + ":\n  " + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n  "))
                    + "\n" + json);
        }
    }

    /** Maven runs each module's tests in its folder; the repository root is the first folder up with deploy/. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/platform"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the animal-hospital repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
