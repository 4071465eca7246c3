package io.animalhospital.billing.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict request reading: "amount": "30000" or 30000.5 is a 400, not silently coerced to a number of won.
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
    }
}
