package io.animalhospital.diagnosis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The console speaks Korean and English completely: every message of {@link StaffMessages} has a text in both
 * bundles (Qute would fall back to Korean silently for one missing in English), and neither has a stray key.
 */
class StaffMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = { "ko", "en" })
    void everyMessageHasItsWordsInEachLanguage(String lang) throws IOException {
        Properties bundle = bundle(lang);
        Set<String> keys = Arrays.stream(StaffMessages.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(bundle.stringPropertyNames())).as("msg_" + lang + ".properties").isEqualTo(keys);
        assertThat(keys).allSatisfy(key -> assertThat(bundle.getProperty(key)).as(lang + ": " + key).isNotBlank());
    }

    @Test
    void theTreatmentOffersTheItemsBillingPrices() throws IOException {
        Properties billing = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("../billing-service/src/main/resources/application.properties"))) {
            billing.load(reader);
        }
        Set<String> priced = billing.stringPropertyNames().stream().filter(k -> k.startsWith("hospital.billing.prices."))
                .map(k -> k.substring("hospital.billing.prices.".length()).replace("\"", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        Properties diagnosis = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            diagnosis.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> offered = new TreeSet<>(Arrays.asList(diagnosis.getProperty("hospital.web.item-codes").split(",")));

        assertThat(offered).isEqualTo(priced);
        Properties korean = bundle("ko");
        assertThat(offered).allSatisfy(code -> assertThat(korean.getProperty("item_" + code)).isNotBlank());
    }

    private Properties bundle(String lang) throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages/msg_" + lang + ".properties")) {
            assertThat(in).as("messages/msg_" + lang + ".properties").isNotNull();
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return bundle;
    }
}
