package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The customers' app speaks Korean and English alike: every message has both (the build checks Korean, the
 * default, against the bundle's methods; this checks English against Korean), with the same parameters.
 */
class MessagesTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

    @Test
    void everyKoreanMessageHasItsEnglishOneAndNoOther() throws IOException {
        Properties korean = load("messages/msg_ko.properties");
        Properties english = load("messages/msg_en.properties");

        assertThat(english.stringPropertyNames()).as("keys of msg_en.properties")
                .containsExactlyInAnyOrderElementsOf(korean.stringPropertyNames());
        for (String key : korean.stringPropertyNames()) {
            assertThat(parameters(english.getProperty(key))).as("parameters of " + key)
                    .isEqualTo(parameters(korean.getProperty(key)));
            assertThat(english.getProperty(key)).as(key).isNotBlank();
        }
    }

    private static Set<String> parameters(String message) {
        Matcher matcher = PARAMETER.matcher(message);
        java.util.Set<String> names = new java.util.TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(MessagesTest.class.getClassLoader().getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
