package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.ApiWebhooks.T;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationListTest extends ApiIntegrationTest {

    @Test
    void conversationShowsItsContactAndNewestMessage() {
        String business = unique("pn");
        String contact = unique("contact");
        publish(ApiWebhooks.messages(business, contact, "Ana",
                ApiWebhooks.text("wamid." + contact + "-1", contact, T + 1, "first"),
                ApiWebhooks.text("wamid." + contact + "-2", contact, T + 8, "second and newest")));
        awaitMessages(business, 2);

        Map<String, Object> page = ok("/api/whatsapp/conversations/?business=" + business);

        assertThat(page).containsEntry("nextCursor", null);
        List<Map<String, Object>> items = items(page);
        assertThat(items).hasSize(1);
        Map<String, Object> conversation = items.get(0);
        assertThat(conversation).containsOnlyKeys("businessPhoneNumberId", "contactId", "waId", "userId",
                "contactName", "username", "firstMessageAt", "lastMessageAt", "lastMessageId", "lastMessageType",
                "lastMessagePreview", "messageCount", "group");
        assertThat(conversation).containsEntry("businessPhoneNumberId", business)
                .containsEntry("group", false)
                .containsEntry("contactId", contact)
                .containsEntry("waId", contact)
                .containsEntry("userId", null)
                .containsEntry("contactName", "Ana")
                .containsEntry("username", null)
                .containsEntry("firstMessageAt", Instant.ofEpochSecond(T + 1).toString())
                .containsEntry("lastMessageAt", Instant.ofEpochSecond(T + 8).toString())
                .containsEntry("lastMessageId", "wamid." + contact + "-2")
                .containsEntry("lastMessageType", "text")
                .containsEntry("lastMessagePreview", "second and newest")
                .containsEntry("messageCount", 2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/conversations/", "/api/whatsapp/conversations" })
    void conversationsComeMostRecentlyActiveFirstAcrossPages(String path) {
        String business = unique("pn");
        String[] contacts = { unique("c0"), unique("c1"), unique("c2"), unique("c3"), unique("c4") };
        long[] lastSeconds = { 30, 10, 50, 10, 20 };
        for (int i = 0; i < contacts.length; i++) {
            publish(ApiWebhooks.messages(business, contacts[i], "C" + i,
                    ApiWebhooks.text("wamid." + contacts[i], contacts[i], T + lastSeconds[i], "hi")));
        }
        awaitMessages(business, contacts.length);
        String query = path + "?business=" + business + "&limit=2";

        Map<String, Object> first = ok(query);
        Map<String, Object> second = ok(query + "&cursor=" + first.get("nextCursor"));
        Map<String, Object> third = ok(query + "&cursor=" + second.get("nextCursor"));

        assertThat(field(items(first), "contactId")).containsExactly(contacts[2], contacts[0]);
        List<String> tied = tiedNewestFirst(business);
        assertThat(tied).containsExactlyInAnyOrder(contacts[1], contacts[3]);
        assertThat(field(items(second), "contactId")).containsExactly(contacts[4], tied.get(0));
        assertThat(field(items(third), "contactId")).containsExactly(tied.get(1));
        assertThat(third).containsEntry("nextCursor", null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/conversations/%s/messages/", "/api/whatsapp/conversations/%s/messages" })
    void contactMessagesAreThatContactsOnlyAndTakeTheListFilters(String path) {
        String business = unique("pn");
        String contact = unique("contact");
        String other = unique("other");
        publish(ApiWebhooks.messages(business, contact, "Ana",
                ApiWebhooks.text("wamid." + contact + "-text", contact, T + 1, "Hello"),
                ApiWebhooks.location("wamid." + contact + "-loc", contact, T + 2)));
        publish(ApiWebhooks.messages(business, other, "Other", ApiWebhooks.text("wamid." + other, other, T + 3, "hello")));
        awaitMessages(business, 3);
        String messages = path.formatted(contact);

        assertThat(field(items(ok(messages)), "messageId")).containsExactly("wamid." + contact + "-loc", "wamid." + contact + "-text");
        assertThat(field(items(ok(messages + "?type=text")), "messageId")).containsExactly("wamid." + contact + "-text");
        assertThat(field(items(ok(messages + "?q=HELLO&business=" + business)), "messageId")).containsExactly("wamid." + contact + "-text");
        assertThat(field(items(ok(messages + "?contact=" + other)), "contactId")).as("the path names the contact")
                .containsOnly(contact);
        assertThat(items(ok(messages + "?business=" + unique("elsewhere")))).isEmpty();
        assertThat(items(ok(path.formatted(unique("nobody"))))).isEmpty();
    }

    /** The two conversations whose last message is in the same second, the later stored (larger id) first. */
    private List<String> tiedNewestFirst(String business) {
        return jdbc.sql("SELECT contact_id FROM whatsapp_conversation WHERE phone_number_id = ? AND last_message_at = ? ORDER BY id DESC")
                .param(business).param(Instant.ofEpochSecond(T + 10).atOffset(ZoneOffset.UTC))
                .query(String.class).list();
    }
}
