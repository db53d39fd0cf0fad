package io.wapipeline.worker.media;

import java.util.stream.Stream;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;

/** The types a stored file is served as, in the OpenAPI document: those {@link ServedContent} lets through, and no other. */
@Configuration(proxyBeanMethods = false)
class MediaContentDocument {

    static final String OPERATION = "getMediaContent";

    @Bean
    OpenApiCustomizer servedContentTypes() {
        Content content = new Content();
        Stream.concat(ServedContent.INERT_TYPES.stream().sorted(),
                Stream.of(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE))
                .forEach(type -> content.addMediaType(type, new MediaType().schema(new StringSchema().format("binary"))));
        return document -> document.getPaths().values().stream().flatMap(path -> path.readOperations().stream())
                .filter(operation -> OPERATION.equals(operation.getOperationId()))
                .forEach(operation -> operation.getResponses().get("200").setContent(content));
    }
}
