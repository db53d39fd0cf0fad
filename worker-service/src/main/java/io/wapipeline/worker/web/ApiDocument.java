package io.wapipeline.worker.web;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The read API's OpenAPI document ({@code /api/whatsapp/openapi.json}, behind the bearer filter like all of
 * {@code /api}): what every operation shares, the bearer scheme and the one problem body with its answers, which the
 * controllers name by {@link #BAD_REQUEST} and {@link #NOT_FOUND}. springdoc's settings are in {@code openapi.properties}.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:openapi.properties")
public class ApiDocument {

    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    public static final String NOT_FOUND = "#/components/responses/NotFound";

    private static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
    private static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";

    private static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI readApiDocument() {
        return new OpenAPI().info(info()).addServersItem(new Server().url("/").description("this worker"))
                .components(components()).addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Each endpoint once, without its trailing-slash twin; paths and schemas in alphabetical order. */
    @Bean
    OpenApiCustomizer onePathPerEndpoint() {
        return document -> {
            Paths paths = new Paths();
            new TreeMap<>(document.getPaths()).forEach((path, item) -> {
                if (!path.endsWith("/")) {
                    paths.addPathItem(path, item);
                }
            });
            document.setPaths(paths);
            document.getComponents().setSchemas(new TreeMap<>(document.getComponents().getSchemas()));
        };
    }

    /** Every operation may be refused by the bearer filter (401) and find the database down (503). */
    @Bean
    OpenApiCustomizer sharedAnswers() {
        return document -> document.getPaths().values().stream().flatMap(path -> path.readOperations().stream())
                .forEach(operation -> operation.getResponses()
                        .addApiResponse(code(HttpStatus.UNAUTHORIZED), new ApiResponse().$ref(UNAUTHORIZED))
                        .addApiResponse(code(HttpStatus.SERVICE_UNAVAILABLE), new ApiResponse().$ref(SERVICE_UNAVAILABLE)));
    }

    private static Components components() {
        return new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme(BEARER)
                        .description("One of the tokens in WHATSAPP_API_TOKENS, as Authorization: Bearer <token>"))
                .addSchemas(PROBLEM, problemSchema())
                .addResponses(name(BAD_REQUEST), problem("A query parameter cannot be read; detail names it"))
                .addResponses(name(NOT_FOUND), problem("Nothing is stored under this id"))
                .addResponses(name(UNAUTHORIZED), problem("The bearer token is missing, or is not one of WHATSAPP_API_TOKENS")
                        .addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header().schema(new StringSchema())
                                .description("Bearer, or Bearer error=\"invalid_token\" for a wrong token")))
                .addResponses(name(SERVICE_UNAVAILABLE), problem("The database did not answer; retry after Retry-After seconds")
                        .addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().schema(new IntegerSchema())));
    }

    private static Info info() {
        String version = Optional.ofNullable(ApiDocument.class.getPackage().getImplementationVersion()).orElse("development");
        return new Info().title("WhatsApp read API").version(version).description("""
                What the worker stored from WhatsApp Business webhooks: inbound messages, conversations, delivery \
                statuses, media and calls, newest first, with keyset pagination (pass nextCursor back as cursor; it is null \
                on the last page). Every path also answers with a trailing slash. Every member of an answer is \
                present, null when it has no value. Failures are RFC 9457 problem answers with a requestId that is \
                also in the worker's log.""");
    }

    /** The body of {@code Problems}: RFC 9457 members, the request path as {@code instance}, and a request id. */
    private static Schema<?> problemSchema() {
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri-reference").description("about:blank"))
                .addProperty("title", new StringSchema().description("the status's reason phrase"))
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("why, in words the caller can act on"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request's path"))
                .addProperty("requestId", new StringSchema().description("the same id as in the worker's log line"));
        problem.setRequired(List.of("title", "status", "detail"));
        return problem;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref(PROBLEM))));
    }

    private static String code(HttpStatus status) {
        return String.valueOf(status.value());
    }

    private static String name(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
