package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.ApiWebhooks.T;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.wapipeline.testsupport.Fixtures;
import io.wapipeline.worker.Webhooks;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Edits and revokes from Kafka to the read API. An edit and a revoke are stored as messages of their own; the message
 * they name shows the newest edit's words with every version, or is marked deleted with its content kept (the
 * default). The answers are the same whatever order the messages arrive in, and however often.
 */
class MessageEditsTest extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SENT = T + 100;

    @ParameterizedTest(name = "arriving as {0}")
    @ValueSource(strings = { "original, edit-1, edit-2", "edit-2, edit-1, original", "edit-1, original, edit-2",
            "edit-2, original, edit-1" })
    void anEditedMessageShowsItsNewestEditsWordsAndEveryVersionWhateverTheOrder(String order) {
        Chat chat = Chat.create();
        Arrays.stream(order.split(", ")).forEach(name -> publish(chat.body(chat.item(name))));
        awaitMessages(chat.business(), 3);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + chat.id("original"));

        assertThat(withoutReceivedAt(detail)).isEqualTo(detail(chat, "original",
                with(original(chat), "text", "third words", "edited", true, "editedAt", at(SENT + 120)),
                List.of(version(chat.id("original"), SENT, "first words"), version(chat.id("edit-1"), SENT + 60, "second words"),
                        version(chat.id("edit-2"), SENT + 120, "third words"))));
        assertThat(items(ok("/api/whatsapp/messages?business=" + chat.business())))
                .as("newest first; each edit listed as the message it is").map(MessageEditsTest::withoutReceivedAt)
                .containsExactly(edit(chat, "edit-2", SENT + 120, "third words"), edit(chat, "edit-1", SENT + 60, "second words"),
                        with(original(chat), "text", "third words", "edited", true, "editedAt", at(SENT + 120)));
    }

    @Test
    void anEditStoredBeforeItsOriginalIsListedAndChangesTheOriginalWhenItComes() {
        Chat chat = Chat.create();
        publish(chat.body(chat.item("edit-1")));
        awaitMessages(chat.business(), 1);

        assertThat(get("/api/whatsapp/messages/" + chat.id("original")).statusCode()).isEqualTo(404);
        assertThat(items(ok("/api/whatsapp/messages?business=" + chat.business()))).map(MessageEditsTest::withoutReceivedAt)
                .containsExactly(edit(chat, "edit-1", SENT + 60, "second words"));

        publish(chat.body(chat.item("original")));
        awaitMessages(chat.business(), 2);
        assertThat(withoutReceivedAt(ok("/api/whatsapp/messages/" + chat.id("original")))).isEqualTo(detail(chat, "original",
                with(original(chat), "text", "second words", "edited", true, "editedAt", at(SENT + 60)),
                List.of(version(chat.id("original"), SENT, "first words"), version(chat.id("edit-1"), SENT + 60, "second words"))));
    }

    @Test
    void redeliveredMessagesAndEditsLeaveEveryAnswerAsItWas() {
        Chat chat = Chat.create();
        List.of("original", "edit-1", "edit-2").forEach(name -> publish(chat.body(chat.item(name))));
        awaitMessages(chat.business(), 3);
        String detail = get("/api/whatsapp/messages/" + chat.id("original")).body();
        String list = get("/api/whatsapp/messages?business=" + chat.business() + "&to=" + at(SENT + 1000)).body();

        List.of("edit-2", "original", "edit-1").forEach(name -> publish(chat.body(chat.item(name))));
        publish(chat.body(chat.item("edit-1"), chat.item("original"), chat.item("edit-2")));
        // one contact's records are read in order: once this later one is stored, the redeliveries have been read
        publish(chat.body(ApiWebhooks.text(chat.id("later"), chat.contact(), SENT + 1000, "a later message")));
        awaitMessages(chat.business(), 4);

        assertThat(get("/api/whatsapp/messages/" + chat.id("original")).body()).isEqualTo(detail);
        assertThat(get("/api/whatsapp/messages?business=" + chat.business() + "&to=" + at(SENT + 1000)).body()).isEqualTo(list);
    }

    @Test
    void editsOfTheSameSecondAreOrderedByTheirWamids() {
        Chat chat = Chat.create();
        String original = chat.id("original");
        publish(chat.body(Webhooks.editItem(chat.id("edit-B"), chat.contact(), original, "the later of two", SENT + 60)));
        publish(chat.body(Webhooks.editItem(chat.id("edit-A"), chat.contact(), original, "the earlier of two", SENT + 60)));
        publish(chat.body(chat.item("original")));
        awaitMessages(chat.business(), 3);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + original);

        assertThat(detail).containsEntry("text", "the later of two").containsEntry("editedAt", at(SENT + 60));
        assertThat(detail.get("versions")).isEqualTo(List.of(version(original, SENT, "first words"),
                version(chat.id("edit-A"), SENT + 60, "the earlier of two"), version(chat.id("edit-B"), SENT + 60, "the later of two")));
    }

    @ParameterizedTest(name = "the revoke arriving first: {0}")
    @ValueSource(booleans = { true, false })
    void aRevokeMarksTheMessageDeletedByItsSenderAndKeepsItsContent(boolean revokeFirst) {
        Chat chat = Chat.create();
        publish(chat.body(chat.item(revokeFirst ? "revoke" : "original")));
        awaitMessages(chat.business(), 1);
        if (revokeFirst) {
            assertThat(get("/api/whatsapp/messages/" + chat.id("original")).statusCode()).isEqualTo(404);
        }
        publish(chat.body(chat.item(revokeFirst ? "original" : "revoke")));
        awaitMessages(chat.business(), 2);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + chat.id("original"));

        Map<String, Object> deleted = with(original(chat), "deleted", true, "deletedAt", at(SENT + 30));
        assertThat(withoutReceivedAt(detail)).isEqualTo(detail(chat, "original", deleted, List.of()));
        assertThat(items(ok("/api/whatsapp/messages?business=" + chat.business()))).map(MessageEditsTest::withoutReceivedAt)
                .containsExactly(with(message(chat, "revoke", "revoke", SENT + 30), "revokedMessageId", chat.id("original")), deleted);
    }

    @Test
    void aRevokeOfAnEditedMessageMarksItsEditsDeletedToo() {
        Chat chat = Chat.create();
        List.of("revoke", "edit-1", "original").forEach(name -> publish(chat.body(chat.item(name))));
        awaitMessages(chat.business(), 3);

        assertThat(withoutReceivedAt(ok("/api/whatsapp/messages/" + chat.id("original")))).isEqualTo(detail(chat, "original",
                with(original(chat), "text", "second words", "edited", true, "editedAt", at(SENT + 60), "deleted", true,
                        "deletedAt", at(SENT + 30)),
                List.of(version(chat.id("original"), SENT, "first words"), version(chat.id("edit-1"), SENT + 60, "second words"))));
        assertThat(withoutReceivedAt(ok("/api/whatsapp/messages/" + chat.id("edit-1")))).isEqualTo(detail(chat, "edit-1",
                with(edit(chat, "edit-1", SENT + 60, "second words"), "deleted", true, "deletedAt", at(SENT + 30)), List.of()));
    }

    @Test
    void anEditIsStoredAsARowOfItsOwnNamingTheMessageItChanges() {
        Chat chat = Chat.create();
        String contact = "55119" + String.format("%07d", Math.floorMod(chat.contact().hashCode(), 10_000_000));
        publish(Fixtures.text("edit-text.json").replace("wamid.EDIT-0001", chat.id("edit"))
                .replace("wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==", chat.id("original"))
                .replace("5511987650101", contact).replace("106540352242922", chat.business()));
        awaitMessages(chat.business(), 1);

        assertThat(row("""
                SELECT message_type, contact_id, from_number, contact_name, text_body, caption, edited_message_id,
                       revoked_message_id, extract(epoch FROM timestamp)::bigint AS epoch, raw_payload->>'id' AS raw_id
                  FROM whatsapp_message WHERE message_id = ?""", chat.id("edit")))
                .containsExactlyEntriesOf(ordered("message_type", "edit", "contact_id", contact, "from_number", contact,
                        "contact_name", "José", "text_body", "Olá! Peço o catálogo de verão, por favor", "caption", null,
                        "edited_message_id", chat.id("original"), "revoked_message_id", null, "epoch", 1778000160L,
                        "raw_id", chat.id("edit")));
    }

    /** One contact writing to one business number, both this test's own, and the wamids of its messages. */
    private record Chat(String business, String contact) {

        static Chat create() {
            return new Chat(unique("pn"), unique("contact"));
        }

        String id(String name) {
            return "wamid." + name + "-" + contact;
        }

        String body(String... items) {
            return ApiWebhooks.messages(business, contact, "Ana", items);
        }

        /** The original, two edits of it a minute apart, and its revoke half a minute after it was sent. */
        String item(String name) {
            return switch (name) {
                case "original" -> ApiWebhooks.text(id("original"), contact, SENT, "first words");
                case "edit-1" -> Webhooks.editItem(id("edit-1"), contact, id("original"), "second words", SENT + 60);
                case "edit-2" -> Webhooks.editItem(id("edit-2"), contact, id("original"), "third words", SENT + 120);
                case "revoke" -> Webhooks.revokeItem(id("revoke"), contact, id("original"), SENT + 30);
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    /** Every member of a message as the API answers it, receivedAt aside, for a message nothing changed. */
    private static Map<String, Object> message(Chat chat, String name, String type, long sent) {
        return ordered("messageId", chat.id(name), "businessPhoneNumberId", chat.business(), "contactId", chat.contact(),
                "from", chat.contact(), "fromUserId", null, "contactName", "Ana", "type", type, "text", null, "caption", null,
                "timestamp", at(sent), "replyToMessageId", null, "reaction", null, "location", null, "media", null,
                "editedMessageId", null, "revokedMessageId", null, "edited", false, "editedAt", null, "deleted", false,
                "deletedAt", null, "contentHidden", null, "source", "live", "outbound", false, "groupId", null,
                "historyStatus", null);
    }

    private static Map<String, Object> original(Chat chat) {
        return with(message(chat, "original", "text", SENT), "text", "first words");
    }

    private static Map<String, Object> edit(Chat chat, String name, long sent, String words) {
        return with(message(chat, name, "edit", sent), "text", words, "editedMessageId", chat.id("original"));
    }

    /** The detail of a stored message with no status: the item, its versions, and the item as published. */
    private static Map<String, Object> detail(Chat chat, String name, Map<String, Object> item, List<Map<String, Object>> versions) {
        return with(item, "versions", versions, "direction", "inbound", "rawPayload", parsed(chat.item(name)), "currentStatus", null,
                "statuses", List.of());
    }

    private static Map<String, Object> version(String messageId, long sent, String words) {
        return ordered("messageId", messageId, "timestamp", at(sent), "text", words, "caption", null);
    }

    static Map<String, Object> withoutReceivedAt(Map<String, Object> answer) {
        assertThat(answer.get("receivedAt")).as("receivedAt").isInstanceOf(String.class);
        Map<String, Object> rest = new LinkedHashMap<>(answer);
        rest.remove("receivedAt");
        return rest;
    }

    static Map<String, Object> with(Map<String, Object> base, Object... changes) {
        Map<String, Object> changed = new LinkedHashMap<>(base);
        changed.putAll(ordered(changes));
        return changed;
    }

    static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static Map<String, Object> parsed(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    static String at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
