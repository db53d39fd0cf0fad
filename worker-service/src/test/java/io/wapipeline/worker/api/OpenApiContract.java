package io.wapipeline.worker.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's OpenAPI 3.1 document, and requests and answers checked against it. An answer must have a status the
 * operation documents, a content type that status lists, and a JSON body valid against that content's schema, checked
 * by networknt's JSON Schema validator in OpenAPI 3.1's dialect, formats included. A request must name a documented
 * path and only documented query parameters.
 */
final class OpenApiContract {

    private static final URI DOCUMENT = URI.create("https://worker.test/api/whatsapp/openapi.json");

    private final JsonNode document;
    private final SchemaRegistry schemas;

    OpenApiContract(String json) {
        this.document = JsonMapper.builder().build().readTree(json);
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), registry -> registry
                .schemas(Map.of(DOCUMENT.toString(), json))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** Every documented operation's id, with its method and path. */
    Map<String, String> operations() {
        Map<String, String> operations = new TreeMap<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> operations.put(
                method.getValue().get("operationId").asString(),
                method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    /** What is wrong with this GET request for the operation: a path that is not the operation's, or an unknown parameter. */
    List<String> requestViolations(String operationId, String pathAndQuery) {
        String template = operations().get(operationId).substring("GET ".length());
        URI request = URI.create(pathAndQuery);
        List<String> violations = new ArrayList<>();
        if (!request.getRawPath().matches(template.replaceAll("\\{[^/]+}", "[^/]+"))) {
            violations.add(pathAndQuery + " is not " + template);
        }
        Set<String> documented = queryParameters(operationId);
        queryNames(request).stream().filter(name -> !documented.contains(name))
                .forEach(name -> violations.add("query parameter " + name + " is not documented for " + operationId));
        return violations;
    }

    /** What is wrong with this answer to the operation; empty when it is as documented. */
    List<String> answerViolations(String operationId, int status, String contentType, String body) {
        String pointer = response(operationId, status);
        JsonNode response = document.at(pointer);
        if (response.isMissingNode()) {
            return List.of(operationId + " does not document status " + status);
        }
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonNode content = response.path("content").path(mediaType);
        if (content.isMissingNode()) {
            return List.of(operationId + " " + status + " does not list " + contentType + " but "
                    + response.path("content").propertyNames());
        }
        if (!mediaType.endsWith("json")) {
            return List.of();
        }
        String schema = pointer + "/content/" + escaped(mediaType) + "/schema";
        List<Error> errors = schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + schema)).validate(body, InputFormat.JSON);
        return errors.stream().map(error -> operationId + " " + status + ": " + error).toList();
    }

    /** Where the operation's answer with this status is described: in the operation, or the components it refers to. */
    private String response(String operationId, int status) {
        String[] methodAndPath = operations().get(operationId).split(" ", 2);
        String pointer = "/paths/" + escaped(methodAndPath[1]) + "/" + methodAndPath[0].toLowerCase(Locale.ROOT)
                + "/responses/" + status;
        JsonNode response = document.at(pointer);
        if (response.has("$ref")) {
            resolve(response.get("$ref").asString());
            return response.get("$ref").asString().substring(1);
        }
        return pointer;
    }

    /** A name as a JSON Pointer token (RFC 6901). */
    private static String escaped(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private Set<String> queryParameters(String operationId) {
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : operation(operationId).path("parameters")) {
            JsonNode resolved = parameter.has("$ref") ? resolve(parameter.get("$ref").asString()) : parameter;
            if ("query".equals(resolved.get("in").asString())) {
                names.add(resolved.get("name").asString());
            }
        }
        return names;
    }

    private JsonNode operation(String operationId) {
        String[] methodAndPath = operations().get(operationId).split(" ", 2);
        return document.get("paths").get(methodAndPath[1]).get(methodAndPath[0].toLowerCase(Locale.ROOT));
    }

    /** A reference within the document, which must be there. */
    private JsonNode resolve(String ref) {
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError("the document refers to " + ref + ", which it does not have");
        }
        return target;
    }

    private static Set<String> queryNames(URI request) {
        if (request.getRawQuery() == null) {
            return Set.of();
        }
        return java.util.Arrays.stream(request.getRawQuery().split("&")).map(pair -> pair.split("=", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
