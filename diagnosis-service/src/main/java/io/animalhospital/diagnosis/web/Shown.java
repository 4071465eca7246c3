package io.animalhospital.diagnosis.web;

import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * What a page says about an API's answer: a message in the staff member's words, the fields it names with their
 * own messages, and the status the page answers with.
 */
@TemplateData
public record Shown(int status, String message, Map<String, String> fields) {

    static Shown none() {
        return new Shown(200, null, Map.of());
    }

    public boolean any() {
        return message != null;
    }

    public String field(String name) {
        return fields.get(name);
    }
}
