package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.MessageEditsTest.at;
import static io.wapipeline.worker.api.MessageEditsTest.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Conformance;
import io.wapipeline.testsupport.RequiresConformanceCorpus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance corpus's edits and deletions (pywa's captures, a customer's and a coexistence business's) stored and
 * read back, each with a message of the corpus as its original. Every id in the bodies is given this test's own prefix,
 * so they meet nothing else in the shared database, and the original takes the id the edit or revoke names.
 */
@RequiresConformanceCorpus
class MessageEditsConformanceTest extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCustomersImageEditChangesTheCaptionOfTheImage() {
        Stored stored = store("pywa/edited_message__image.json", "pywa/message__image.json");

        Map<String, Object> original = ok(path(stored.originalId()));

        assertThat(original).containsEntry("type", "image").containsEntry("text", "Updated image caption")
                .containsEntry("caption", "Updated image caption").containsEntry("edited", true)
                .containsEntry("editedAt", at(1749854575)).containsEntry("deleted", false);
        assertThat(object(original.get("media"))).containsEntry("id", stored.prefix() + "65463453");
        assertThat(original.get("versions")).isEqualTo(List.of(
                ordered("messageId", stored.originalId(), "timestamp", at(1697043379), "text", null, "caption", null),
                ordered("messageId", stored.changeId(), "timestamp", at(1749854575), "text", "Updated image caption",
                        "caption", "Updated image caption")));
        assertThat(ok(path(stored.changeId()))).containsEntry("type", "edit").containsEntry("editedMessageId", stored.originalId())
                .containsEntry("text", "Updated image caption").containsEntry("from", "16505551234")
                .containsEntry("timestamp", at(1749854575)).containsEntry("edited", false).containsEntry("versions", List.of());
    }

    @Test
    void anEditEchoedFromTheBusinessesPhoneChangesItsMessage() {
        Stored stored = store("pywa/outgoing_message__edit.json", "pywa/outgoing_message__text.json");

        Map<String, Object> original = ok(path(stored.originalId()));

        assertThat(original).containsEntry("text", "Text was edited").containsEntry("edited", true)
                .containsEntry("editedAt", at(1697044968)).containsEntry("deleted", false);
        assertThat(original.get("versions")).isEqualTo(List.of(
                ordered("messageId", stored.originalId(), "timestamp", at(1697043223), "text", "Test message", "caption", null),
                ordered("messageId", stored.changeId(), "timestamp", at(1697044968), "text", "Text was edited", "caption", null)));
        assertThat(ok(path(stored.changeId()))).containsEntry("type", "edit").containsEntry("editedMessageId", stored.originalId())
                .containsEntry("text", "Text was edited").containsEntry("contactId", "972987654321");
    }

    @Test
    void aCustomersRevokeMarksTheMessageDeleted() {
        Stored stored = store("pywa/deleted_message__revoke.json", "pywa/message__text.json");

        assertThat(ok(path(stored.originalId()))).containsEntry("text", "Body Text").containsEntry("deleted", true)
                .containsEntry("deletedAt", at(1697043223)).containsEntry("edited", false).containsEntry("contentHidden", null);
        assertThat(ok(path(stored.changeId()))).containsEntry("type", "revoke")
                .containsEntry("revokedMessageId", stored.originalId()).containsEntry("text", null);
    }

    @Test
    void aDeletionEchoedFromTheBusinessesPhoneMarksItsMessageDeleted() {
        Stored stored = store("pywa/outgoing_message__delete.json", "pywa/outgoing_message__text.json");

        assertThat(ok(path(stored.originalId()))).containsEntry("text", "Test message").containsEntry("deleted", true)
                .containsEntry("deletedAt", at(1697044968));
        assertThat(ok(path(stored.changeId()))).containsEntry("type", "revoke")
                .containsEntry("revokedMessageId", stored.originalId()).containsEntry("contactId", "972987654321");
    }

    /** An edit or revoke of the corpus and its original, with ids of this test's own. */
    private record Stored(String prefix, String changeId, String originalId) {
    }

    /** Publishes the change, then the original (taking the id the change names), and waits for both rows. */
    private Stored store(String changeFile, String originalFile) {
        String prefix = "conformance-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        ObjectNode change = prefixed(read(changeFile), prefix);
        JsonNode changeItem = onlyMessage(change);
        String originalId = changeItem.path(changeItem.get("type").asString()).get("original_message_id").asString();
        ObjectNode original = prefixed(read(originalFile), prefix);
        ((ObjectNode) onlyMessage(original)).put("id", originalId);
        Stored stored = new Stored(prefix, changeItem.get("id").asString(), originalId);
        publish(JSON.writeValueAsString(change));
        publish(JSON.writeValueAsString(original));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id IN (?, ?)",
                stored.changeId(), stored.originalId()) == 2);
        return stored;
    }

    private static ObjectNode read(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readAllBytes(Conformance.directory().resolve(Path.of(file))));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The one message of a body, under {@code messages} or {@code message_echoes}. */
    private static JsonNode onlyMessage(JsonNode body) {
        JsonNode value = body.get("entry").get(0).get("changes").get(0).get("value");
        JsonNode messages = value.has("messages") ? value.get("messages") : value.get("message_echoes");
        assertThat(messages.size()).as("messages in %s", body).isEqualTo(1);
        return messages.get(0);
    }

    /** Every {@code id} and {@code original_message_id} with the prefix in front. */
    private static ObjectNode prefixed(ObjectNode body, String prefix) {
        body.findParents("id").forEach(parent -> prefix((ObjectNode) parent, "id", prefix));
        body.findParents("original_message_id").forEach(parent -> prefix((ObjectNode) parent, "original_message_id", prefix));
        return body;
    }

    private static void prefix(ObjectNode parent, String field, String prefix) {
        if (parent.get(field).isString()) {
            parent.put(field, prefix + parent.get(field).asString());
        }
    }

    private static String path(String messageId) {
        return "/api/whatsapp/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8);
    }
}
