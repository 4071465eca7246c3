package io.animalhospital.diagnosis.domain;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Items as a JSON array in a text column (the reactive driver maps JSON columns to objects, not arrays). */
@Converter
public class BillableItemsConverter implements AttributeConverter<List<BillableItem>, String> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<BillableItem>> ITEMS = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<BillableItem> items) {
        try {
            return items == null ? null : MAPPER.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public List<BillableItem> convertToEntityAttribute(String json) {
        try {
            return json == null ? null : MAPPER.readValue(json, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
