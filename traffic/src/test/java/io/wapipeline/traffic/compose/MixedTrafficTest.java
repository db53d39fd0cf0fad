package io.wapipeline.traffic.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.payload.Business;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.traffic.testkit.WebhookReceiver.Received;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.Traffic;
import io.wapipeline.traffic.send.Load;
import io.wapipeline.traffic.send.Simulation;
import io.wapipeline.traffic.send.SimulationSettings;
import io.wapipeline.traffic.testkit.WebhookReceiver;

/** The mixed traffic, as the pipeline's own parser reads it from the bytes that arrived, field by field. */
class MixedTrafficTest {

    private static final String SECRET = "mixed-test-secret";
    private static final String INBOUND = "wamid.sim.mixed.in.";
    private static final String OUTBOUND = "wamid.sim.mixed.out.";
    private static final Business BUSINESS = new Business("109000000000000", "109000000000001", "15551234567");

    private static List<ParsedWebhook> webhooks;
    private static List<MessageReceived> messages;
    private static List<StatusReported> statuses;

    @BeforeAll
    static void sendMixedTraffic() throws IOException {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            Simulation.run(new SimulationSettings(receiver.url(), SECRET, Load.count(300),
                    Traffic.of(Mix.MIXED).batched(2).withSeed(2).withRunId("mixed")));
            webhooks = receiver.received().stream().map(Received::parsed).toList();
        }
        messages = webhooks.stream().flatMap(webhook -> webhook.messages().stream()).toList();
        statuses = webhooks.stream().flatMap(webhook -> webhook.statuses().stream()).toList();
    }

    @AfterAll
    static void forget() {
        webhooks = null;
    }

    @Test
    void everyItemIsAMessageOrAStatusForTheSimulatedBusiness() {
        assertThat(webhooks).hasSize(300).allSatisfy(webhook -> {
            assertThat(webhook.events()).isEmpty();
            assertThat(webhook.size()).isEqualTo(2);
        });
        assertThat(messages).extracting(MessageReceived::business).containsOnly(BUSINESS);
        assertThat(statuses).extracting(StatusReported::business).containsOnly(BUSINESS);
    }

    @Test
    void inboundMessagesComeInEveryCommonType() {
        assertThat(messages).extracting(MessageReceived::type).containsOnly("text", "image", "video", "audio",
                "document", "sticker", "location", "contacts", "interactive", "button", "reaction")
                .contains("text", "image", "video", "audio", "document", "sticker", "location", "contacts",
                        "interactive", "button", "reaction");
        assertThat(messages).extracting(MessageReceived::interactiveType).contains("button_reply", "list_reply");
    }

    @Test
    void everyMessageNamesItsSenderAndTime() {
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.messageId()).startsWith(INBOUND);
            assertThat(message.from()).matches("\\d{11,13}");
            assertThat(message.contactName()).isNotBlank();
            assertThat(message.timestamp()).isNotNull();
        });
        assertThat(messages).extracting(MessageReceived::messageId).doesNotHaveDuplicates();
    }

    @Test
    void textsAndCaptionsCarryNonAsciiText() {
        assertThat(ofType("text")).allSatisfy(message -> assertThat(message.textBody()).isNotBlank());
        assertThat(ofType("text")).anySatisfy(message -> assertThat(message.textBody()).matches("(?s).*[^\\x00-\\x7f].*"));
        assertThat(messages).anySatisfy(message -> assertThat(message.caption()).isNotBlank());
    }

    @Test
    void mediaCarryIdAndMimeTypeButNoHash() {
        List<MessageReceived> media = messages.stream().filter(message -> message.media() != null).toList();

        assertThat(media).extracting(MessageReceived::type).containsOnly("image", "video", "audio", "document", "sticker");
        assertThat(media).allSatisfy(message -> {
            assertThat(message.media().id()).matches("\\d{17}");
            assertThat(message.media().mimeType()).isNotBlank();
            assertThat(message.media().sha256()).isNull();
        });
        assertThat(ofType("document")).allSatisfy(message -> assertThat(message.media().filename()).endsWith(".pdf"));
        assertThat(ofType("audio")).allSatisfy(message -> assertThat(message.media().voice()).isTrue());
        assertThat(ofType("sticker")).allSatisfy(message -> assertThat(message.media().animated()).isNotNull());
        assertThat(media).extracting(message -> message.media().id()).doesNotHaveDuplicates();
    }

    @Test
    void locationsAndContactCardsAreComplete() {
        assertThat(ofType("location")).allSatisfy(message -> {
            assertThat(message.location().latitude()).isNotNull();
            assertThat(message.location().longitude()).isNotNull();
            assertThat(message.textBody()).isEqualTo(message.location().name());
        });
        assertThat(ofType("contacts")).allSatisfy(message -> assertThat(message.rawJson())
                .contains("\"formatted_name\":\"Marta García\"", "\"wa_id\":\"34612349988\""));
    }

    @Test
    void repliesAndReactionsReferToAMessageTheBusinessSent() {
        List<MessageReceived> replies = messages.stream()
                .filter(message -> List.of("interactive", "button").contains(message.type())).toList();

        assertThat(replies).allSatisfy(message -> {
            assertThat(message.replyId()).isNotBlank();
            assertThat(message.replyTitle()).isNotBlank();
            assertThat(message.context().messageId()).startsWith(OUTBOUND);
            assertThat(message.context().from()).isEqualTo("15551234567");
        });
        assertThat(ofType("reaction")).allSatisfy(message -> {
            assertThat(message.reactionMessageId()).startsWith(OUTBOUND);
            assertThat(message.reactionEmoji()).isNotNull();
        });
    }

    @Test
    void statusesComeAsSentDeliveredReadAndSometimesFailed() {
        assertThat(statuses).extracting(StatusReported::status).containsOnly("sent", "delivered", "read", "failed")
                .contains("sent", "delivered", "read", "failed");
        assertThat(statuses).allSatisfy(status -> {
            assertThat(status.messageId()).startsWith(OUTBOUND);
            assertThat(status.recipientId()).matches("\\d{11,13}");
            assertThat(status.timestamp()).isNotNull();
        });
    }

    @Test
    void sentAndDeliveredCarryConversationAndPricing() {
        assertThat(statuses).filteredOn(status -> List.of("sent", "delivered").contains(status.status()))
                .allSatisfy(status -> {
                    assertThat(status.conversationId()).matches("[0-9a-f]{32}");
                    assertThat(status.conversationOrigin()).isEqualTo(status.pricingCategory()).isNotBlank();
                    assertThat(status.billable()).isEqualTo(!"service".equals(status.pricingCategory()));
                    assertThat(status.pricingModel()).isEqualTo("PMP");
                });
        assertThat(statuses).filteredOn(status -> "sent".equals(status.status()) && status.conversationId() != null)
                .allSatisfy(status -> assertThat(status.conversationExpiresAt()).isAfter(status.timestamp()));
    }

    @Test
    void failedStatusesCarryTheirError() {
        assertThat(statuses).filteredOn(status -> "failed".equals(status.status())).allSatisfy(status -> {
            assertThat(status.errorsJson()).contains("\"code\":1310", "\"title\":", "\"error_data\":{\"details\":");
            assertThat(status.conversationId()).isNull();
        });
    }

    private static List<MessageReceived> ofType(String type) {
        return messages.stream().filter(message -> type.equals(message.type())).toList();
    }
}
