package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Fixtures;

/**
 * Contacts through the read API, as the 2026 webhooks describe them: found by any id, holding them all, with the
 * marketing preference the user set and the name the coexistence business gave; group messages in the group's
 * conversation.
 */
class ContactApiTest extends ApiIntegrationTest {

    @Test
    void aContactIsFoundByAnyIdWithItsPreferenceAndTheBusinessesName() {
        String tag = unique("c").replace("api-c-", "");
        String phone = "55119" + digits(tag);
        String userId = "BR.9" + digits(tag);
        publish(Fixtures.text("user-preferences-stop.json").replace("5511966667777", phone).replace("BR.48151623420066", userId));
        publish(Fixtures.text("app-state-sync.json").replace("5511922223333", phone));
        publish(Fixtures.text("text.json").replace("5511987650101", phone)
                .replace("wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==", "wamid.CONTACT-" + tag));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_contact WHERE contact_id = ?"
                + " AND marketing_preference IS NOT NULL AND business_name IS NOT NULL", phone) == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", "wamid.CONTACT-" + tag) == 1);
        Map<String, Object> byUserId = ok("/api/whatsapp/contacts/" + userId);
        Map<String, Object> byPhone = ok("/api/whatsapp/contacts/" + phone);

        assertThat(byUserId).isEqualTo(byPhone);
        assertThat(byUserId).containsEntry("contactId", phone).containsEntry("wabaId", "102290129340398")
                .containsEntry("marketingPreference", "stop").containsEntry("marketingPreferenceAt", "2026-05-05T17:05:01Z")
                .containsEntry("businessName", "Carla Souza (loja centro)").containsEntry("businessNameAction", "add")
                .containsEntry("profileName", "Rafael");
        assertThat((List<?>) byUserId.get("ids")).extracting(id -> ((Map<?, ?>) id).get("kind") + ":" + ((Map<?, ?>) id).get("value"))
                .containsExactly("wa_id:" + phone, "user_id:" + userId);
        assertThat((List<?>) byUserId.get("conversations")).singleElement()
                .satisfies(c -> assertThat(((Map<?, ?>) c).get("messageCount")).isEqualTo(1));
        Map<String, Object> messages = ok("/api/whatsapp/messages/?contact=" + userId);
        assertThat((List<?>) messages.get("items")).singleElement()
                .satisfies(m -> assertThat(((Map<?, ?>) m).get("messageId")).isEqualTo("wamid.CONTACT-" + tag));
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(get("/api/whatsapp/contacts/BR.000000000000404").statusCode()).isEqualTo(404);
    }

    @Test
    void aGroupMessageIsInTheGroupsConversationWithItsSenderAsContact() {
        String tag = unique("g").replace("api-g-", "");
        String group = "1203630" + digits(tag) + "@g.us";
        publish(Fixtures.text("group-message.json").replace("120363025246125888@g.us", group)
                .replace("wamid.GROUP-MSG-0001", "wamid.GROUP-" + tag));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", "wamid.GROUP-" + tag) == 1);
        assertThat(row("SELECT contact_id, group_id FROM whatsapp_message WHERE message_id = ?", "wamid.GROUP-" + tag))
                .containsEntry("contact_id", "5511977778888").containsEntry("group_id", group);
        assertThat(row("SELECT is_group, message_count, contact_name FROM whatsapp_conversation WHERE contact_id = ?", group))
                .containsEntry("is_group", true).containsEntry("message_count", 1L).containsEntry("contact_name", null);
        Map<String, Object> message = ok("/api/whatsapp/messages/wamid.GROUP-" + tag);
        assertThat(message).containsEntry("groupId", group).containsEntry("source", "live").containsEntry("outbound", false);
    }

    /** Ten digits from a random tag, so each run has numbers of its own. */
    private static String digits(String tag) {
        return String.format("%010d", Long.parseLong(tag, 16) % 10_000_000_000L);
    }
}
