package io.wapipeline.worker.api;

import java.math.BigDecimal;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;

/**
 * The list endpoints' query parameters, once, as the OpenAPI document's reusable parameters (the controllers name
 * them), with the limits {@link Parameters} enforces. A value that cannot be read is answered 400.
 */
@Configuration(proxyBeanMethods = false)
class ListParameters {

    @Bean
    OpenApiCustomizer listParameterDocument() {
        return document -> document.getComponents()
                .addParameters("contact", query("contact", "contact_id: the phone number, else the business-scoped user id"))
                .addParameters("type", query("type", "message_type as Meta sent it: text, image, reaction, location..."))
                .addParameters("business", query("business", "phone_number_id of the business number"))
                .addParameters("direction", query("direction", "a call's direction: USER_INITIATED or BUSINESS_INITIATED"))
                .addParameters("callStatus", query("status", "a call's status as Meta wrote it: RINGING, ACCEPTED, REJECTED, "
                        + "COMPLETED, FAILED..."))
                .addParameters("q", query("q", "a case-insensitive substring of the message text, taken literally"))
                .addParameters("from", instant("from", "earliest timestamp, inclusive"))
                .addParameters("to", instant("to", "latest timestamp, exclusive"))
                .addParameters("limit", query("limit", "items per page").schema(limit()))
                .addParameters("cursor", query("cursor", "the previous page's nextCursor, unchanged"));
    }

    private static Parameter query(String name, String description) {
        return new QueryParameter().name(name).description(description).schema(new StringSchema());
    }

    private static Schema<Number> limit() {
        IntegerSchema limit = new IntegerSchema();
        limit.setMinimum(BigDecimal.ONE);
        limit.setMaximum(BigDecimal.valueOf(Parameters.MAX_LIMIT));
        limit.setDefault(Parameters.DEFAULT_LIMIT);
        return limit;
    }

    private static Parameter instant(String name, String description) {
        Schema<?> schema = new StringSchema().format("date-time").example("2026-05-01T00:00:00Z");
        return query(name, description + ", an ISO-8601 instant").schema(schema);
    }
}
