package io.animalhospital.billing.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.animalhospital.platform.json.StrictJson;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict request reading: "amount": "30000" or 30000.5 is a 400, not silently coerced to a number of won; and an
 * enum such as the payment method must be exactly one of its names (see {@link ExactEnum}).
 * (Unknown fields are refused by {@code quarkus.jackson.fail-on-unknown-properties}; event consumers read leniently
 * through their own copy of the mapper.)
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.registerModule(new SimpleModule("exact-enums").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new ExactEnum(deserializer, type.getRawClass());
            }
        }));
    }

    /**
     * Jackson trims an enum's text before looking it up, and trimming removes every control character at either
     * end: {@code "CARD\u0000"} would be read as CARD and the payment taken. Text with control characters or
     * surrounding blanks is refused instead (400 naming the field), as the platform refuses it in any string.
     */
    static final class ExactEnum extends DelegatingDeserializer {

        private final Class<?> type;

        ExactEnum(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ExactEnum(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (!text.equals(text.strip()) || StrictJson.hasControlCharacters(text)) {
                    throw InvalidFormatException.from(parser, "not exactly one of the values", text, type);
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
