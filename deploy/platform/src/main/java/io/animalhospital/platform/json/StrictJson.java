package io.animalhospital.platform.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import io.quarkus.jackson.ObjectMapperCustomizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Request bodies are read strictly (SPEC §3, bad input): content after the JSON document is refused, and so is
 * text with control characters (NUL included; tab, line feed and carriage return stay allowed for multi-line
 * notes). Both answer 400 through the platform's problem mappers instead of reaching the database.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("strict-text").addDeserializer(String.class, new TextDeserializer()));
    }

    /** True when the text holds a control character other than tab, line feed or carriage return. */
    public static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    static final class TextDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && hasControlCharacters(text)) {
                throw new ControlCharacterException(parser, text);
            }
            return text;
        }
    }

    /** A text value with control characters: the problem mappers name its field. */
    public static final class ControlCharacterException extends InvalidFormatException {
        ControlCharacterException(JsonParser parser, String value) {
            super(parser, "text contains control characters", value, String.class);
        }
    }
}
