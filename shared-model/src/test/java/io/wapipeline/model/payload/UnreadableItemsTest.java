package io.wapipeline.model.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** One item that no real webhook could carry is kept apart with its reason; the items beside it are read as usual. */
class UnreadableItemsTest {

    private static final String GOOD = """
            {"from":"5511900000001","id":"wamid.GOOD","timestamp":"1749416383","type":"text","text":{"body":"fine"}}""";

    @Test
    void timestampInTheYear10000IsKeptApartWithItsReason() {
        ParsedWebhook parsed = parseMessages(item("wamid.Y10K", "\"253402300800\""), GOOD);

        assertOnlyGoodMessageAnd(parsed, "timestamp 253402300800 is not a time between 1970 and 9999 in Unix seconds");
        assertThat(parsed.events().get(0).payloadJson()).contains("wamid.Y10K");
    }

    @Test
    void timestampBeforeTheYear1IsKeptApart() {
        assertOnlyGoodMessageAnd(parseMessages(item("wamid.BC", "\"-62135596801\""), GOOD),
                "timestamp -62135596801 is not a time between 1970 and 9999 in Unix seconds");
    }

    @Test
    void timestampOf1e300IsKeptApart() {
        assertOnlyGoodMessageAnd(parseMessages(item("wamid.HUGE", "1e300"), GOOD),
                "timestamp 1.0E300 is not a time between 1970 and 9999 in Unix seconds");
    }

    @Test
    void placeholderTimestampReadsAsAbsent() {
        ParsedWebhook parsed = parseMessages(item("wamid.PLACEHOLDER", "\"TIMESTAMP\""));

        assertThat(parsed.messages()).singleElement().satisfies(m -> assertThat(m.timestamp()).isNull());
        assertThat(parsed.events()).isEmpty();
    }

    @Test
    void itemNestedDeeperThanStorableIsKeptApartWithoutItsJson() {
        String deep = "{\"from\":\"5511900000002\",\"id\":\"wamid.DEEP\",\"type\":\"text\",\"extra\":"
                + "[".repeat(2_000) + "]".repeat(2_000) + "}";

        ParsedWebhook parsed = parseMessages(deep, GOOD);

        assertThat(parsed.messages()).extracting(MessageReceived::messageId).containsExactly("wamid.GOOD");
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventReceived.UNREADABLE);
            assertThat(event.payloadJson()).isNull();
            assertThat(event.reason()).startsWith("nested deeper than 1000 levels");
        });
    }

    @Test
    void nestingDeeperThan500IsRead() {
        String deep = "{\"from\":\"5511900000003\",\"id\":\"wamid.NEST600\",\"type\":\"text\",\"extra\":"
                + "[".repeat(600) + "]".repeat(600) + "}";

        ParsedWebhook parsed = parseMessages(deep, GOOD);

        assertThat(parsed.messages()).extracting(MessageReceived::messageId).containsExactly("wamid.NEST600", "wamid.GOOD");
    }

    @Test
    void bodyNestedBeyondTheReadLimitIsNotAWebhook() {
        String deep = "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(10_001) + "]".repeat(10_001) + "}";

        assertThatThrownBy(() -> WebhookParser.parse(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotAWebhookException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void numberOf5000DigitsIsRead() {
        String bigNumber = "{\"from\":\"5511900000004\",\"id\":\"wamid.DIGITS\",\"type\":\"text\",\"n\":" + "7".repeat(5_000) + "}";

        ParsedWebhook parsed = parseMessages(bigNumber, GOOD);

        assertThat(parsed.messages()).extracting(MessageReceived::messageId).containsExactly("wamid.DIGITS", "wamid.GOOD");
        assertThat(parsed.messages().get(0).rawJson()).contains("7".repeat(5_000));
    }

    @Test
    void statusWithoutIdIsKeptAsUnreadable() {
        String body = envelope("{\"field\":\"messages\",\"value\":{\"statuses\":[{\"status\":\"read\",\"timestamp\":\"1\"}]}}");

        ParsedWebhook parsed = WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventReceived.UNREADABLE);
            assertThat(event.reason()).isEqualTo("a status names no message id or no status");
            assertThat(event.payloadJson()).isEqualTo("{\"status\":\"read\",\"timestamp\":\"1\"}");
        });
    }

    @Test
    void changeWithAnImpossibleEntryTimeIsKeptAsUnreadable() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"W\",\"time\":1e300,\"changes\":["
                + "{\"field\":\"account_update\",\"value\":{\"event\":\"X\"}}]}]}";

        ParsedWebhook parsed = WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventReceived.UNREADABLE);
            assertThat(event.field()).isEqualTo("account_update");
            assertThat(event.reason()).startsWith("time 1.0E300 is not a time");
        });
    }

    @Test
    void callStatusesAreReadAsCallsNotAsMessageStatuses() {
        String body = envelope("""
                {"field":"calls","value":{"messaging_product":"whatsapp","statuses":[
                 {"id":"wacid.CALL1","timestamp":"1671644824","type":"call","status":"RINGING","recipient_id":"163155536021"}]}}""");

        ParsedWebhook parsed = WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.calls()).singleElement().satisfies(call -> {
            assertThat(call.callId()).isEqualTo("wacid.CALL1");
            assertThat(call.event()).isEqualTo("status");
            assertThat(call.status()).isEqualTo("RINGING");
            assertThat(call.to()).isEqualTo("163155536021");
            assertThat(call.customer()).isEqualTo(new PersonIds("163155536021", null, null));
        });
        assertThat(parsed.events()).isEmpty();
    }

    private static void assertOnlyGoodMessageAnd(ParsedWebhook parsed, String reason) {
        assertThat(parsed.messages()).extracting(MessageReceived::messageId).containsExactly("wamid.GOOD");
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventReceived.UNREADABLE);
            assertThat(event.field()).isEqualTo("messages");
            assertThat(event.reason()).isEqualTo(reason);
        });
    }

    private static String item(String id, String timestamp) {
        return "{\"from\":\"5511900000009\",\"id\":\"" + id + "\",\"timestamp\":" + timestamp
                + ",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}";
    }

    private static ParsedWebhook parseMessages(String... items) {
        String body = envelope("{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"phone_number_id\":\"PN1\"},\"messages\":[" + String.join(",", List.of(items)) + "]}}");
        return WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(String change) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA1\",\"changes\":[" + change + "]}]}";
    }
}
