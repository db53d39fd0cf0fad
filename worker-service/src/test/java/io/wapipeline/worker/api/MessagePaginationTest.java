package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.ApiWebhooks.T;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagePaginationTest extends ApiIntegrationTest {

    /** Seven messages, three of them in the same second, so the id has to break ties. */
    private static final long[] SECONDS = { 0, 1, 1, 1, 2, 3, 4 };

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/messages/?business=%s&limit=3", "/api/whatsapp/conversations/%s/messages/?limit=3" })
    void sevenMessagesComeInThreePagesWithoutDuplicatesOrGaps(String firstPage) {
        String contact = unique("contact");
        String business = publishSeven(contact);
        String path = firstPage.formatted(firstPage.contains("business") ? business : contact);

        Map<String, Object> first = ok(path);
        Map<String, Object> second = ok(path + "&cursor=" + first.get("nextCursor"));
        Map<String, Object> third = ok(path + "&cursor=" + second.get("nextCursor"));

        assertThat(items(first)).hasSize(3);
        assertThat(items(second)).hasSize(3);
        assertThat(items(third)).hasSize(1);
        assertThat(third).containsEntry("nextCursor", null);
        List<Map<String, Object>> all = new ArrayList<>(items(first));
        all.addAll(items(second));
        all.addAll(items(third));
        assertThat(field(all, "messageId")).containsExactlyElementsOf(newestFirst(business));
        assertThat(field(all, "messageId")).doesNotHaveDuplicates().hasSize(7);
        assertThat(all.stream().map(item -> Instant.parse((String) item.get("timestamp"))).toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void pageThatEndsTheListExactlyHasNoNextCursor() {
        String business = publishSeven(unique("contact"));

        Map<String, Object> first = ok("/api/whatsapp/messages/?business=" + business + "&limit=4");
        Map<String, Object> second = ok("/api/whatsapp/messages/?business=" + business + "&limit=3&cursor=" + first.get("nextCursor"));

        assertThat(items(first)).hasSize(4);
        assertThat(first.get("nextCursor")).isNotNull();
        assertThat(items(second)).hasSize(3);
        assertThat(second).containsEntry("nextCursor", null);
    }

    @Test
    void messagesArrivingBetweenPagesNeitherRepeatNorShiftTheNextPage() {
        String contact = unique("contact");
        String business = publishSeven(contact);
        Map<String, Object> first = ok("/api/whatsapp/messages/?business=" + business + "&limit=3");

        publish(ApiWebhooks.messages(business, contact, "Seven", ApiWebhooks.text("wamid." + contact + "-new", contact, T + 99, "late")));
        awaitMessages(business, 8);
        Map<String, Object> second = ok("/api/whatsapp/messages/?business=" + business + "&limit=3&cursor=" + first.get("nextCursor"));

        List<String> expected = newestFirst(business);
        assertThat(expected.get(0)).isEqualTo("wamid." + contact + "-new");
        assertThat(field(items(first), "messageId")).containsExactlyElementsOf(expected.subList(1, 4));
        assertThat(field(items(second), "messageId")).containsExactlyElementsOf(expected.subList(4, 7));
    }

    @Test
    void cursorKeepsTheFiltersOfTheQuery() {
        String contact = unique("contact");
        String business = publishSeven(contact);
        String query = "/api/whatsapp/messages/?business=" + business + "&limit=2&q=message&to="
                + Instant.ofEpochSecond(T + 4);

        Map<String, Object> first = ok(query);
        Map<String, Object> second = ok(query + "&cursor=" + first.get("nextCursor"));
        Map<String, Object> third = ok(query + "&cursor=" + second.get("nextCursor"));

        List<String> expected = newestFirst(business).subList(1, 7);
        assertThat(field(items(first), "messageId")).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(field(items(second), "messageId")).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(field(items(third), "messageId")).containsExactlyElementsOf(expected.subList(4, 6));
        assertThat(third).containsEntry("nextCursor", null);
    }

    /** Publishes the seven messages from the contact to a business number of its own; returns that number. */
    private String publishSeven(String contact) {
        String business = unique("pn");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < SECONDS.length; i++) {
            messages.add(ApiWebhooks.text("wamid." + contact + "-" + i, contact, T + SECONDS[i], "message " + i));
        }
        publish(ApiWebhooks.messages(business, contact, "Seven", messages.subList(0, 4).toArray(String[]::new)));
        publish(ApiWebhooks.messages(business, contact, "Seven", messages.subList(4, 7).toArray(String[]::new)));
        awaitMessages(business, SECONDS.length);
        return business;
    }

    /** The order the API promises, read from the table: newest first, the later stored first within a second. */
    private List<String> newestFirst(String business) {
        return jdbc.sql("SELECT message_id FROM whatsapp_message WHERE phone_number_id = ? ORDER BY timestamp DESC, id DESC")
                .param(business).query(String.class).list();
    }
}
