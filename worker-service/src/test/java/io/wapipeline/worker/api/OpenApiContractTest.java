package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.wapipeline.worker.CallWebhooks;
import io.wapipeline.worker.Webhooks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read API answers as its OpenAPI document says: every documented operation is called (and nothing else is
 * documented), and each answer is checked against the document by a JSON Schema validator. An image's file is
 * stored beside its media job, so the stored file is served too.
 */
class OpenApiContractTest extends ApiIntegrationTest {

    private static final String DOCUMENT = "/api/whatsapp/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    private OpenApiContract contract;

    @org.springframework.beans.factory.annotation.Value("${MEDIA_ROOT}")
    private String mediaRoot;

    @BeforeEach
    void readTheDocument() {
        HttpResponse<String> document = get(DOCUMENT);
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(document)).containsEntry("openapi", "3.1.0");
        contract = new OpenApiContract(document.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { DOCUMENT, DOCUMENT + ".yaml" })
    void documentIsRefusedWithoutAToken(String path) {
        HttpResponse<String> refused = get(path, null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"title\":\"Unauthorized\"").doesNotContain("paths");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html",
            "/swagger-ui/index.html" })
    void noDocumentNorSwaggerUiIsServedOutsideTheApi(String path) {
        HttpResponse<String> answer = get(path, null);

        assertThat(answer.statusCode()).as("GET %s without a token", path).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("paths");
    }

    @Test
    void everyEndpointUnderApiIsDocumented() {
        Set<String> endpoints = handlers.getHandlerMethods().keySet().stream()
                .flatMap(mapping -> mapping.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/api/") && !pattern.startsWith(DOCUMENT))
                .map(pattern -> pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern)
                .collect(Collectors.toSet());

        assertThat(contract.operations().values()).map(operation -> operation.substring("GET ".length()))
                .containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void documentNamesWhomEachStatusReportsOnAndHowFarAGroupMessageGot() {
        JsonNode schemas = JSON.readTree(get(DOCUMENT).body()).path("components").path("schemas");

        assertThat(schemas.path("StatusEntry").path("required").valueStream().map(JsonNode::asString)).contains(
                "recipientType", "recipientParentUserId", "participantId", "participantUserId", "participantParentUserId");
        assertThat(schemas.path("CurrentStatus").path("required").valueStream().map(JsonNode::asString))
                .contains("recipientType", "participants");
        JsonNode counts = schemas.path("ParticipantCounts");
        assertThat(counts.path("required").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("total", "byStatus");
        assertThat(counts.path("properties").path("byStatus").path("additionalProperties").path("type").asString())
                .isEqualTo("integer");
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        Stored stored = storeOneOfEachKind();
        Map<String, List<String>> requests = requestsFor(stored);

        assertThat(requests.keySet()).as("a request for every documented operation, and only those")
                .containsExactlyInAnyOrderElementsOf(contract.operations().keySet());
        requests.forEach((operation, paths) -> paths.forEach(path -> {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
            assertAsDocumented(operation, path, answer);
        }));
    }

    @Test
    void refusalsAreTheDocumentedProblems() {
        List<Refusal> refusals = List.of(
                new Refusal("listMessages", "/api/whatsapp/messages?limit=0", 400),
                new Refusal("listConversations", "/api/whatsapp/conversations?limit=201", 400),
                new Refusal("listContactMessages", "/api/whatsapp/conversations/5511/messages?from=yesterday", 400),
                new Refusal("getMessage", "/api/whatsapp/messages/wamid." + unique("nothing"), 404),
                new Refusal("listCalls", "/api/whatsapp/calls?to=tomorrow", 400),
                new Refusal("getCall", "/api/whatsapp/calls/wacid." + unique("nothing"), 404),
                new Refusal("getMedia", "/api/whatsapp/media/" + unique("nothing"), 404),
                new Refusal("getMediaContent", "/api/whatsapp/media/" + unique("nothing") + "/content", 404),
                new Refusal("getContact", "/api/whatsapp/contacts/" + unique("nothing"), 404));

        for (Refusal refusal : refusals) {
            HttpResponse<String> answer = get(refusal.path());
            assertThat(answer.statusCode()).as("GET %s: %s", refusal.path(), answer.body()).isEqualTo(refusal.status());
            assertAsDocumented(refusal.operation(), refusal.path(), answer);
            HttpResponse<String> unauthorized = get(refusal.path(), null);
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertAsDocumented(refusal.operation(), refusal.path(), unauthorized);
        }
    }

    @Test
    void answerThatBreaksTheDocumentIsReported() {
        Stored stored = storeOneOfEachKind();
        String path = "/api/whatsapp/messages?business=" + stored.business();
        String body = get(path).body();

        assertThat(pageViolations(body)).isEmpty();
        assertThat(pageViolations(changeFirstItem(body, item -> item.remove("messageId"))))
                .anySatisfy(violation -> assertThat(violation).contains("required").contains("messageId"));
        assertThat(pageViolations(changeFirstItem(body, item -> item.put("timestamp", 42))))
                .anySatisfy(violation -> assertThat(violation).contains("/items/0/timestamp"));
        assertThat(pageViolations(changeFirstItem(body, item -> item.put("timestamp", "Tuesday"))))
                .anySatisfy(violation -> assertThat(violation).contains("/items/0/timestamp"));
        assertThat(pageViolations(changeFirstItem(body, item -> item.remove("deleted"))))
                .anySatisfy(violation -> assertThat(violation).contains("required").contains("deleted"));
        assertThat(pageViolations(changeFirstItem(body, item -> item.put("edited", "yes"))))
                .anySatisfy(violation -> assertThat(violation).contains("/items/0/edited"));
        String edited = get("/api/whatsapp/messages/" + stored.textId()).body();
        assertThat(violations("getMessage", 200, "application/json", edited)).isEmpty();
        assertThat(violations("getMessage", 200, "application/json", edited.replace("\"versions\":[", "\"versionz\":[")))
                .anySatisfy(violation -> assertThat(violation).contains("required").contains("versions"));
        assertThat(violations("getMessage", 200, "application/json", edited.replace("\"text\":\"hello there\"", "\"text\":7")))
                .anySatisfy(violation -> assertThat(violation).contains("/versions/0/text"));
        assertThat(violations("listMessages", 200, "text/html", body)).singleElement().asString()
                .contains("does not list text/html");
        assertThat(violations("listMessages", 404, "application/problem+json", "{}")).singleElement().asString()
                .contains("does not document status 404");
        assertThat(violations("getMessage", 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}"))
                .singleElement().asString().contains("required").contains("detail");
        assertThat(contract.requestViolations("listMessages", "/api/whatsapp/messages?limt=5")).singleElement().asString()
                .contains("limt");
    }

    private void assertAsDocumented(String operation, String path, HttpResponse<String> answer) {
        assertThat(contract.requestViolations(operation, path)).as("request %s", path).isEmpty();
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        assertThat(violations(operation, answer.statusCode(), contentType, answer.body()))
                .as("GET %s answered %d %s: %s", path, answer.statusCode(), contentType, answer.body()).isEmpty();
    }

    private List<String> violations(String operation, int status, String contentType, String body) {
        return contract.answerViolations(operation, status, contentType, body);
    }

    private List<String> pageViolations(String body) {
        return violations("listMessages", 200, "application/json", body);
    }

    /** The concrete requests for each operation, every list filter used at least once and a second page by cursor. */
    private Map<String, List<String>> requestsFor(Stored stored) {
        String messages = "/api/whatsapp/messages?business=" + stored.business();
        String secondPage = messages + "&limit=1&cursor=" + ok(messages + "&limit=1").get("nextCursor");
        String window = "&from=" + Instant.ofEpochSecond(stored.sentAt() - 60)
                + "&to=" + Instant.ofEpochSecond(stored.sentAt() + 60);
        String contactMessages = "/api/whatsapp/conversations/" + stored.contact() + "/messages";
        String media = "/api/whatsapp/media/" + stored.mediaId();
        String calls = "/api/whatsapp/calls?business=" + stored.business();
        return Map.of(
                "listMessages", List.of(messages, secondPage,
                        messages + "&contact=" + stored.contact() + "&type=text&q=hello" + window + "&limit=200"),
                "getMessage", List.of("/api/whatsapp/messages/" + stored.textId(), "/api/whatsapp/messages/" + stored.imageId(),
                        "/api/whatsapp/messages/" + stored.editId(), "/api/whatsapp/messages/" + stored.revokeId(),
                        "/api/whatsapp/messages/" + URLEncoder.encode(stored.outboundId(), StandardCharsets.UTF_8),
                        "/api/whatsapp/messages/" + stored.groupMessageId()),
                "listConversations", List.of("/api/whatsapp/conversations?business=" + stored.business() + "&limit=5"),
                "listContactMessages", List.of(contactMessages,
                        contactMessages + "?business=" + stored.business() + "&type=image&q=photo" + window + "&limit=1"),
                "getMedia", List.of(media),
                "getMediaContent", List.of(media + "/content"),
                "getContact", List.of("/api/whatsapp/contacts/" + stored.contact()),
                "listCalls", List.of(calls, calls + "&limit=1&cursor=" + ok(calls + "&limit=1").get("nextCursor"),
                        calls + "&contact=" + stored.contact() + "&direction=BUSINESS_INITIATED&status=FAILED" + window + "&limit=200"),
                "getCall", List.of("/api/whatsapp/calls/" + URLEncoder.encode(stored.callId(), StandardCharsets.UTF_8)));
    }

    /**
     * A text (edited) and an image (its file stored; deleted by its sender) from one contact, the edit and the revoke,
     * two statuses of a message sent to them, three of a message sent to a group (two participants), a call to them
     * that failed (rung, connected, its errors) and one they made.
     */
    private Stored storeOneOfEachKind() {
        long now = Instant.now().getEpochSecond();
        String business = unique("pn");
        String contact = unique("contact");
        Stored stored = new Stored(business, contact, "wamid.text-" + contact, "wamid.image-" + contact,
                "media-" + contact, "wamid.HBgL/" + contact + "+sent==", "wamid.group-" + contact,
                "wacid.HBgL/" + contact + "+call==", now);
        String group = contact + "@g.us";
        publish(CallWebhooks.calls(business, contact, "BR." + contact, List.of(
                CallWebhooks.connect(stored.callId(), contact, "BUSINESS_INITIATED", now),
                CallWebhooks.failed(stored.callId(), contact, "BUSINESS_INITIATED", now + 1),
                CallWebhooks.terminate("wacid.made-" + contact, contact, "USER_INITIATED", now - 100, "COMPLETED", now - 160, 60)),
                List.of(CallWebhooks.callStatus(stored.callId(), "RINGING", now, contact))));
        publish(ApiWebhooks.messages(business, contact, "Ana", ApiWebhooks.text(stored.textId(), contact, now, "hello there"),
                ApiWebhooks.image(stored.imageId(), contact, now + 1, stored.mediaId(), "a photo"),
                Webhooks.editItem(stored.editId(), contact, stored.textId(), "hello again", now + 2),
                Webhooks.revokeItem(stored.revokeId(), contact, stored.imageId(), now + 3)));
        publish(ApiWebhooks.statuses(business, ApiWebhooks.pricedStatus(stored.outboundId(), "sent", now, contact),
                ApiWebhooks.failedStatus(stored.outboundId(), now + 2, contact)));
        publish(ApiWebhooks.statuses(business,
                Webhooks.groupStatusItem(stored.groupMessageId(), "delivered", group, "5511977772001", "BR.2001", now),
                Webhooks.groupStatusItem(stored.groupMessageId(), "delivered", group, null, "BR.2002", now + 1),
                Webhooks.groupStatusItem(stored.groupMessageId(), "read", group, "5511977772001", "BR.2001", now + 2)));
        awaitMessages(business, 4);
        awaitStatuses(stored.outboundId(), 2);
        awaitStatuses(stored.groupMessageId(), 3);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_call WHERE phone_number_id = ?", business) == 2
                && count("SELECT count(*) FROM whatsapp_call_event WHERE call_id = ?", stored.callId()) == 3);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_media WHERE media_id = ?", stored.mediaId()) == 1);
        storeFile(stored.mediaId(), new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF });
        return stored;
    }

    private static String changeFirstItem(String page, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) JSON.readTree(page);
        change.accept((ObjectNode) tree.get("items").get(0));
        return JSON.writeValueAsString(tree);
    }

    private record Refusal(String operation, String path, int status) {
    }

    private record Stored(String business, String contact, String textId, String imageId, String mediaId, String outboundId,
            String groupMessageId, String callId, long sentAt) {

        String editId() {
            return "wamid.edit-" + contact;
        }

        String revokeId() {
            return "wamid.revoke-" + contact;
        }
    }

    /**
     * The file of a media job, stored as a download would store it: this context does not download (a second worker
     * downloading beside the media tests' one would take their files and counts), the contract is about serving.
     */
    private void storeFile(String mediaId, byte[] content) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(mediaRoot).resolve("openapi").resolve(mediaId + ".jpg");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, content);
            jdbc.sql("""
                    UPDATE whatsapp_media SET state = 'stored', file_path = ?, file_size = ?, graph_mime_type = 'image/jpeg',
                           downloaded_at = now(), updated_at = now() WHERE media_id = ?""")
                    .params("openapi/" + mediaId + ".jpg", content.length, mediaId).update();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
