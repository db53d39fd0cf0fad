package io.wapipeline.worker.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The schema of an answer record says what its JSON holds: every component is a required member (the API's JSON
 * writes null members rather than leaving them out), and a component whose type is {@link Nullable} may be null.
 * Members of a {@link JsonUnwrapped} component are the unwrapped record's.
 */
@Component
class RecordSchemas implements ModelConverter {

    private static final String NULL = "null";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (type.getType() == null) {
            return schema;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        Schema<?> model = schema == null || schema.get$ref() == null ? schema : definedModel(schema.get$ref(), context);
        if (raw.isRecord() && model != null && model.getProperties() != null) {
            describe(raw, model);
        }
        return schema;
    }

    private static Schema<?> definedModel(String ref, ModelConverterContext context) {
        return context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static void describe(Class<?> record, Schema<?> model) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.isAnnotationPresent(JsonUnwrapped.class)) {
                describe(component.getType(), model);
            }
            else if (model.getProperties().containsKey(component.getName())) {
                require(model, component.getName());
                if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                    allowNull(model.getProperties(), component.getName());
                }
            }
        }
    }

    private static void require(Schema<?> model, String name) {
        if (model.getRequired() == null || !model.getRequired().contains(name)) {
            model.addRequiredItem(name);
        }
    }

    /** {@code null} joins the member's types; a reference to another schema becomes "that or null". */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void allowNull(Map<String, Schema> properties, String name) {
        Schema property = properties.get(name);
        if (property.get$ref() != null) {
            properties.put(name, new Schema<>().anyOf(new ArrayList<>(List.of(property, new Schema<>().types(Set.of(NULL))))));
        }
        else if (property.getTypes() != null && !property.getTypes().contains(NULL)) {
            Set<String> types = new LinkedHashSet<>(property.getTypes());
            types.add(NULL);
            property.setTypes(types);
        }
    }
}
