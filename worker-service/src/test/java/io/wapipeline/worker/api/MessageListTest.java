package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.ApiWebhooks.T;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageListTest extends ApiIntegrationTest {

    @Test
    void textMessageIsListedWithEveryField() {
        String business = unique("pn");
        String contact = unique("contact");
        publish(ApiWebhooks.messages(business, contact, "Ana Souza",
                ApiWebhooks.reply("wamid." + contact + "-1", contact, T + 10, "Olá, tudo bem?", "wamid.OUTBOUND-1")));
        awaitMessages(business, 1);

        Map<String, Object> item = items(ok("/api/whatsapp/messages/?business=" + business)).get(0);

        assertThat(item).containsOnlyKeys("messageId", "businessPhoneNumberId", "contactId", "from", "fromUserId",
                "contactName", "type", "text", "caption", "timestamp", "replyToMessageId", "reaction", "location",
                "media", "receivedAt", "source", "outbound", "groupId", "historyStatus");
        assertThat(item).containsEntry("messageId", "wamid." + contact + "-1")
                .containsEntry("source", "live")
                .containsEntry("outbound", false)
                .containsEntry("groupId", null)
                .containsEntry("historyStatus", null)
                .containsEntry("businessPhoneNumberId", business)
                .containsEntry("contactId", contact)
                .containsEntry("from", contact)
                .containsEntry("fromUserId", null)
                .containsEntry("contactName", "Ana Souza")
                .containsEntry("type", "text")
                .containsEntry("text", "Olá, tudo bem?")
                .containsEntry("caption", null)
                .containsEntry("timestamp", Instant.ofEpochSecond(T + 10).toString())
                .containsEntry("replyToMessageId", "wamid.OUTBOUND-1")
                .containsEntry("reaction", null)
                .containsEntry("location", null)
                .containsEntry("media", null);
        Timestamp receivedAt = (Timestamp) row("SELECT received_at FROM whatsapp_message WHERE phone_number_id = ?",
                business).get("received_at");
        assertThat(Instant.parse((String) item.get("receivedAt"))).isEqualTo(receivedAt.toInstant());
        assertThat((String) item.get("receivedAt")).endsWith("Z");
    }

    @Test
    void mediaMessagesShowTheirFileAndItsDownloadState() {
        String business = unique("pn");
        String contact = unique("contact");
        publish(ApiWebhooks.messages(business, contact, "Lena",
                ApiWebhooks.image("wamid." + contact + "-img", contact, T + 1, contact + "-media-1", "Kassenbon"),
                ApiWebhooks.document("wamid." + contact + "-doc", contact, T + 2, contact + "-media-2", "invoice.pdf")));
        awaitMessages(business, 2);
        String imageStateBefore = mediaState(contact + "-media-1");

        List<Map<String, Object>> items = items(ok("/api/whatsapp/messages/?business=" + business));

        assertThat(field(items, "type")).containsExactly("document", "image");
        Map<String, Object> document = object(items.get(0).get("media"));
        assertThat(document).containsOnlyKeys("id", "mimeType", "filename", "state");
        assertThat(document).containsEntry("id", contact + "-media-2")
                .containsEntry("mimeType", "application/pdf")
                .containsEntry("filename", "invoice.pdf");
        assertThat(document.get("state")).isNotNull();
        Map<String, Object> image = object(items.get(1).get("media"));
        assertThat(image).containsEntry("id", contact + "-media-1")
                .containsEntry("mimeType", "image/jpeg")
                .containsEntry("filename", null);
        assertThat(image.get("state")).isIn(imageStateBefore, mediaState(contact + "-media-1"));
        assertThat(items.get(1)).containsEntry("caption", "Kassenbon").containsEntry("text", "Kassenbon");
    }

    @Test
    void locationAndReactionAreShownWhenTheMessageHasThem() {
        String business = unique("pn");
        String contact = unique("contact");
        publish(ApiWebhooks.messages(business, contact, "Oliver",
                ApiWebhooks.location("wamid." + contact + "-loc", contact, T + 1),
                ApiWebhooks.reaction("wamid." + contact + "-react", contact, T + 2, "wamid.OUTBOUND-2", "❤️")));
        awaitMessages(business, 2);

        List<Map<String, Object>> items = items(ok("/api/whatsapp/messages/?business=" + business));

        Map<String, Object> reaction = items.get(0);
        assertThat(reaction).containsEntry("type", "reaction").containsEntry("location", null).containsEntry("media", null);
        assertThat(object(reaction.get("reaction"))).containsOnlyKeys("messageId", "emoji")
                .containsEntry("messageId", "wamid.OUTBOUND-2")
                .containsEntry("emoji", "❤️");
        Map<String, Object> location = items.get(1);
        assertThat(location).containsEntry("type", "location").containsEntry("reaction", null);
        assertThat(object(location.get("location"))).containsOnlyKeys("latitude", "longitude", "name", "address")
                .containsEntry("latitude", 51.523767)
                .containsEntry("longitude", -0.1585557)
                .containsEntry("name", "Sherlock Holmes Museum")
                .containsEntry("address", "221B Baker St, London NW1 6XE");
    }

    @Test
    void contactTypeAndBusinessFiltersApplyTogether() {
        String business = unique("pn");
        String otherBusiness = unique("pn-other");
        String ana = unique("ana");
        String bruno = unique("bruno");
        publish(ApiWebhooks.messages(business, ana, "Ana",
                ApiWebhooks.text("wamid." + ana + "-text", ana, T + 1, "hello"),
                ApiWebhooks.location("wamid." + ana + "-loc", ana, T + 2)));
        publish(ApiWebhooks.messages(business, bruno, "Bruno", ApiWebhooks.text("wamid." + bruno + "-text", bruno, T + 3, "hi")));
        publish(ApiWebhooks.messages(otherBusiness, ana, "Ana", ApiWebhooks.text("wamid." + ana + "-other", ana, T + 4, "hey")));
        awaitMessages(business, 3);
        awaitMessages(otherBusiness, 1);

        assertThat(messageIds("?contact=" + ana)).containsExactly("wamid." + ana + "-other", "wamid." + ana + "-loc",
                "wamid." + ana + "-text");
        assertThat(messageIds("?business=" + business)).containsExactly("wamid." + bruno + "-text",
                "wamid." + ana + "-loc", "wamid." + ana + "-text");
        assertThat(messageIds("?business=" + business + "&type=text")).containsExactly("wamid." + bruno + "-text",
                "wamid." + ana + "-text");
        assertThat(messageIds("?contact=" + ana + "&type=text&business=" + business)).containsExactly("wamid." + ana + "-text");
        assertThat(messageIds("?contact=" + ana + "&type=sticker")).isEmpty();
    }

    @Test
    void fromIsInclusiveAndToIsExclusive() {
        String business = unique("pn");
        String contact = unique("contact");
        List<String> messages = new ArrayList<>();
        for (int second = 0; second < 5; second++) {
            messages.add(ApiWebhooks.text("wamid." + contact + "-" + second, contact, T + second, "at " + second));
        }
        publish(ApiWebhooks.messages(business, contact, "Tim", messages.toArray(String[]::new)));
        awaitMessages(business, 5);
        String from = Instant.ofEpochSecond(T + 1).toString();
        String to = Instant.ofEpochSecond(T + 3).toString();

        assertThat(messageIds("?business=" + business + "&from=" + from + "&to=" + to))
                .containsExactly("wamid." + contact + "-2", "wamid." + contact + "-1");
        assertThat(messageIds("?business=" + business + "&from=" + from))
                .containsExactly("wamid." + contact + "-4", "wamid." + contact + "-3", "wamid." + contact + "-2",
                        "wamid." + contact + "-1");
        assertThat(messageIds("?business=" + business + "&to=" + to))
                .containsExactly("wamid." + contact + "-2", "wamid." + contact + "-1", "wamid." + contact + "-0");
        String fromWithOffset = Instant.ofEpochSecond(T + 3).atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(messageIds("?business=" + business + "&from=" + fromWithOffset.replace("+", "%2B")))
                .as("an offset other than Z names the same instant")
                .containsExactly("wamid." + contact + "-4", "wamid." + contact + "-3");
    }

    @Test
    void textSearchIsCaseInsensitiveAndTakesWildcardsLiterally() {
        String business = unique("pn");
        String contact = unique("contact");
        publish(ApiWebhooks.messages(business, contact, "Sam",
                ApiWebhooks.text("wamid." + contact + "-order", contact, T + 1, "My ORDER arrived"),
                ApiWebhooks.text("wamid." + contact + "-percent", contact, T + 2, "50% off_today"),
                ApiWebhooks.text("wamid." + contact + "-plain", contact, T + 3, "50 percent offXtoday"),
                ApiWebhooks.text("wamid." + contact + "-ends", contact, T + 4, "save 20%"),
                ApiWebhooks.text("wamid." + contact + "-path", contact, T + 5, "saved in C:\\\\temp"),
                ApiWebhooks.location("wamid." + contact + "-loc", contact, T + 6)));
        awaitMessages(business, 6);
        String search = "?business=" + business + "&q=";

        assertThat(messageIds(search + "order")).containsExactly("wamid." + contact + "-order");
        assertThat(messageIds(search + "Arrived")).containsExactly("wamid." + contact + "-order");
        assertThat(messageIds(search + "50%25")).containsExactly("wamid." + contact + "-percent");
        assertThat(messageIds(search + "off_today")).containsExactly("wamid." + contact + "-percent");
        assertThat(messageIds(search + "%25")).containsExactly("wamid." + contact + "-ends", "wamid." + contact + "-percent");
        assertThat(messageIds(search + "%5C")).containsExactly("wamid." + contact + "-path");
        assertThat(messageIds(search + "sherlock"))
                .as("the location name is the readable text of a location").containsExactly("wamid." + contact + "-loc");
    }

    @Test
    void defaultPageHoldsFiftyMessagesAndLimitChangesIt() {
        String business = unique("pn");
        String contact = unique("contact");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            messages.add(ApiWebhooks.text("wamid." + contact + "-" + i, contact, T + i, "message " + i));
        }
        publish(ApiWebhooks.messages(business, contact, "Many", messages.toArray(String[]::new)));
        awaitMessages(business, 51);

        Map<String, Object> byDefault = ok("/api/whatsapp/messages/?business=" + business);
        Map<String, Object> smallest = ok("/api/whatsapp/messages/?business=" + business + "&limit=1");
        Map<String, Object> largest = ok("/api/whatsapp/messages/?business=" + business + "&limit=200");

        assertThat(items(byDefault)).hasSize(50);
        assertThat(byDefault.get("nextCursor")).isNotNull();
        assertThat(field(items(smallest), "messageId")).containsExactly("wamid." + contact + "-50");
        assertThat(smallest.get("nextCursor")).isNotNull();
        assertThat(items(largest)).hasSize(51);
        assertThat(largest).containsEntry("nextCursor", null);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/messages/", "/api/whatsapp/messages" })
    void listAnswersWithAndWithoutTheTrailingSlash(String path) {
        String business = unique("pn");
        String contact = unique("contact");
        publish(ApiWebhooks.messages(business, contact, "Slash", ApiWebhooks.text("wamid." + contact, contact, T, "hi")));
        awaitMessages(business, 1);

        Map<String, Object> page = ok(path + "?business=" + business);

        assertThat(field(items(page), "messageId")).containsExactly("wamid." + contact);
        assertThat(page).containsEntry("nextCursor", null);
        assertThat(items(ok(path))).isNotEmpty();
    }

    private List<Object> messageIds(String query) {
        return field(items(ok("/api/whatsapp/messages/" + query)), "messageId");
    }

    private String mediaState(String mediaId) {
        return (String) row("SELECT state FROM whatsapp_media WHERE media_id = ?", mediaId).get("state");
    }
}
