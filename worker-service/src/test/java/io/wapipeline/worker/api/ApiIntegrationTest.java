package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.wapipeline.worker.WorkerIntegrationTest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The worker on a real port, with helpers to call the read API over HTTP and to read its JSON answers. */
abstract class ApiIntegrationTest extends WorkerIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A name no other test uses, so tests sharing the database never see each other's rows. */
    static String unique(String prefix) {
        return "api-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** GET with the test token; the answer must be 200, and its JSON object is returned. */
    Map<String, Object> ok(String pathAndQuery) {
        return okAt(port, pathAndQuery);
    }

    /** The same, from the worker listening on {@code serverPort}. */
    Map<String, Object> okAt(int serverPort, String pathAndQuery) {
        HttpResponse<String> response = getAt(serverPort, pathAndQuery, "Bearer " + API_TOKEN);
        assertThat(response.statusCode()).as("status of GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return json(response);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, "Bearer " + API_TOKEN);
    }

    /** GET with this Authorization header, or none when null. */
    HttpResponse<String> get(String pathAndQuery, String authorization) {
        return getAt(port, pathAndQuery, authorization);
    }

    private HttpResponse<String> getAt(int serverPort, String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + pathAndQuery)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** The items of a page, each a JSON object. */
    static List<Map<String, Object>> items(Map<String, Object> page) {
        assertThat(page).containsOnlyKeys("items", "nextCursor");
        assertThat(page.get("items")).isInstanceOf(List.class);
        return ((List<?>) page.get("items")).stream().map(ApiIntegrationTest::object).toList();
    }

    static List<Object> field(List<Map<String, Object>> items, String name) {
        return items.stream().map(item -> item.get(name)).toList();
    }

    void awaitMessages(String business, long expected) {
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE phone_number_id = ?",
                business) == expected);
    }

    void awaitStatuses(String messageId, long expected) {
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?",
                messageId) == expected);
    }
}
