package io.wapipeline.ops.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.ops.importer.Mapped.Reason;
import io.wapipeline.ops.importer.Mapped.Source;
import io.wapipeline.ops.importer.Mapped.Unreadable;
import io.wapipeline.ops.importer.Mapped.Webhook;
import io.wapipeline.testsupport.Fixtures;
import tools.jackson.databind.json.JsonMapper;

/** Each kind of Django row, and what the worker's own parser reads in the webhook it becomes. */
class RowMapperTest {

    private static final Instant SENT_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T10:00:02Z");
    private static final String FROM = "5511977000101";

    private final RowMapper mapper = new RowMapper(Optional.of("PN-OPTION"));

    @Test
    void aWholeWebhookHoldingTheMessageIsPublishedAsIs() {
        String webhook = Fixtures.text("text.json");
        String messageId = "wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==";

        Webhook mapped = published(row(messageId, "text").rawPayload(webhook));

        assertThat(mapped.source()).isEqualTo(Source.RAW_WEBHOOK);
        assertThat(mapped.text()).isEqualTo(webhook);
        assertThat(mapped.receivedAt()).isEqualTo(CREATED_AT);
        assertThat(mapped.toProducerRecord().key()).isEqualTo("5511987650101");
        assertThat(new String(mapped.toProducerRecord().headers().lastHeader("whatsapp-request-id").value(),
                StandardCharsets.UTF_8)).isEqualTo("import-django-7");
    }

    @Test
    void aWebhookWithoutTheRowsMessageIsNotUsedAndTheMessageIsBuiltFromColumns() {
        Webhook mapped = published(row("wamid.OTHER", "text").textBody("from the column").rawPayload(Fixtures.text("text.json")));

        assertThat(mapped.source()).isEqualTo(Source.COLUMNS_OVER_PAYLOAD);
        assertThat(message(mapped).messageId()).isEqualTo("wamid.OTHER");
        assertThat(message(mapped).textBody()).isEqualTo("from the column");
    }

    @Test
    void aMessageItemIsWrappedInTheEnvelopeMetaSendsAroundIt() {
        String item = """
                {"from":"5511977000101","id":"wamid.ITEM","timestamp":"1740823200","type":"text","text":{"body":"hi"}}""";

        Webhook mapped = published(row("wamid.ITEM", "text").rawPayload(item).displayPhoneNumber("15550001111"),
                Optional.of("Ana Django"));

        assertThat(mapped.source()).isEqualTo(Source.RAW_ITEM);
        assertThat(JsonMapper.builder().build().readTree(mapped.body())).isEqualTo(JsonMapper.builder().build().readTree("""
                {"object":"whatsapp_business_account","entry":[{"id":"django-import","changes":[{"field":"messages",
                 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111",
                 "phone_number_id":"PN-OPTION"},"contacts":[{"profile":{"name":"Ana Django"},"wa_id":"5511977000101"}],
                 "messages":[%s]}}]}]}""".formatted(item)));
    }

    @Test
    void aWrappedButtonReplyKeepsItsReplyIdAndTitle() {
        MessageReceived message = message(published(row("wamid.BUTTON", "interactive").rawPayload("""
                {"from":"5511977000101","id":"wamid.BUTTON","timestamp":"1740823200","type":"interactive",
                 "interactive":{"type":"button_reply","button_reply":{"id":"confirm-4411","title":"Yes, confirm"}}}""")));

        assertThat(message.interactiveType()).isEqualTo("button_reply");
        assertThat(message.replyId()).isEqualTo("confirm-4411");
        assertThat(message.replyTitle()).isEqualTo("Yes, confirm");
        assertThat(message.business().wabaId()).isEqualTo(RowMapper.DEFAULT_ENTRY_ID);
        assertThat(message.business().phoneNumberId()).isEqualTo("PN-OPTION");
        assertThat(message.contactName()).isNull();
    }

    @Test
    void theRowsOwnAccountBusinessNumberAndContactNameWinOverOptionAndConversation() {
        MessageReceived message = message(published(row("wamid.OWN", "text").textBody("hi").wabaId("WABA-ROW")
                .phoneNumberId("PN-ROW").contactName("Name on the row"), Optional.of("Name of the conversation")));

        assertThat(message.business().wabaId()).isEqualTo("WABA-ROW");
        assertThat(message.business().phoneNumberId()).isEqualTo("PN-ROW");
        assertThat(message.contactName()).isEqualTo("Name on the row");
    }

    @Test
    void aTextRowWithoutPayloadIsBuiltFromItsColumns() {
        Webhook mapped = published(row("wamid.TEXT", "text").textBody("typed in django"));
        MessageReceived message = message(mapped);

        assertThat(mapped.source()).isEqualTo(Source.COLUMNS);
        assertThat(mapped.unmappedType()).isEmpty();
        assertThat(message.messageId()).isEqualTo("wamid.TEXT");
        assertThat(message.from()).isEqualTo(FROM);
        assertThat(message.type()).isEqualTo("text");
        assertThat(message.timestamp()).isEqualTo(SENT_AT);
        assertThat(message.textBody()).isEqualTo("typed in django");
        assertThat(message.business().displayPhoneNumber()).isNull();
    }

    @Test
    void aMediaRowCarriesItsMediaIdAndTextBodyAsCaption() {
        MessageReceived image = message(published(row("wamid.IMAGE", "image").mediaId("MEDIA-9").textBody("the receipt")));
        MessageReceived voice = message(published(row("wamid.VOICE", "audio")));

        assertThat(image.media().id()).isEqualTo("MEDIA-9");
        assertThat(image.caption()).isEqualTo("the receipt");
        assertThat(image.textBody()).isEqualTo("the receipt");
        assertThat(voice.media()).isNotNull();
        assertThat(voice.media().id()).isNull();
    }

    @Test
    void typesWhoseTextIsOnePropertyGetTextBodyThere() {
        assertThat(message(published(row("wamid.QUICK", "button").textBody("Stop promotions"))).textBody()).isEqualTo("Stop promotions");
        assertThat(message(published(row("wamid.SYSTEM", "system").textBody("User changed number"))).textBody())
                .isEqualTo("User changed number");
    }

    @Test
    void otherTypesFromColumnsGetAnEmptyObjectAndSaySo() {
        Webhook mapped = published(row("wamid.PLACE", "location").textBody("Av. Paulista"));

        assertThat(mapped.unmappedType()).contains("location");
        assertThat(message(mapped).type()).isEqualTo("location");
        assertThat(message(mapped).textBody()).isNull();
        assertThat(mapped.text()).contains("\"location\":{}");
    }

    @Test
    void anEmptyPayloadMeansNoPayload() {
        for (String empty : new String[] { null, "", "  ", "{}", "null" }) {
            assertThat(published(row("wamid.EMPTY", "text").rawPayload(empty)).source()).as(String.valueOf(empty)).isEqualTo(Source.COLUMNS);
        }
        assertThat(published(row("wamid.STRING", "text").rawPayload("\"garbage\"")).source()).isEqualTo(Source.COLUMNS_OVER_PAYLOAD);
        assertThat(published(row("wamid.OTHERITEM", "text").rawPayload("""
                {"from":"5511977000101","id":"wamid.NOT-THIS-ROW","type":"text"}""")).source()).isEqualTo(Source.COLUMNS_OVER_PAYLOAD);
    }

    @Test
    void rowsWithoutIdSenderOrTimeOrWithBrokenJsonAreUnreadable() {
        assertThat(unreadable(row("", "text")).reason()).isEqualTo(Reason.NO_MESSAGE_ID);
        assertThat(unreadable(row(null, "text")).reason()).isEqualTo(Reason.NO_MESSAGE_ID);
        assertThat(unreadable(row("wamid.X", "text").fromNumber(" ")).reason()).isEqualTo(Reason.NO_FROM_NUMBER);
        assertThat(unreadable(row("wamid.X", "text").timestamp(null)).reason()).isEqualTo(Reason.NO_TIMESTAMP);
        assertThat(unreadable(row("wamid.X", "text").timestamp("yesterday")).reason()).isEqualTo(Reason.BAD_TIMESTAMP);
        assertThat(unreadable(row("wamid.X", "text").timestamp(-5L)).reason()).isEqualTo(Reason.BAD_TIMESTAMP);
        assertThat(unreadable(row("wamid.X", "text").rawPayload("{broken")).describe())
                .isEqualTo("django id 7: raw_payload is not JSON: '{broken'");
    }

    @Test
    void anUnreadableValueIsPrintedEscaped() {
        Unreadable row = unreadable(row("wamid.X", "text").timestamp("1\n\u001b[31mforged line\u202e"));

        assertThat(row.describe()).isEqualTo("django id 7: timestamp is not a time between 1970 and 9999: "
                + "'1\\n\\u001b[31mforged line\\u202e'");
    }

    @Test
    void timestampsAreReadAsDjangoAppsKeepThem() {
        assertThat(message(published(row("wamid.T1", "text").timestamp("1740823200"))).timestamp()).isEqualTo(SENT_AT);
        assertThat(message(published(row("wamid.T2", "text").timestamp(1740823200L))).timestamp()).isEqualTo(SENT_AT);
        assertThat(message(published(row("wamid.T3", "text").timestamp("2025-03-01T11:00:00+01:00"))).timestamp())
                .isEqualTo(SENT_AT);
        assertThat(SourceTime.instant(OffsetDateTime.parse("2025-03-01T10:00:00Z").toInstant())).contains(SENT_AT);
    }

    @Test
    void withoutACreationTimeTheRecordIsReceivedAtTheMessagesTime() {
        assertThat(published(row("wamid.NOCREATED", "text").createdAt(null)).receivedAt()).isEqualTo(SENT_AT);
    }

    private Webhook published(TestRow row) {
        return published(row, Optional.empty());
    }

    private Webhook published(TestRow row, Optional<String> conversationName) {
        Mapped mapped = mapper.map(row.build(), conversationName);
        assertThat(mapped).isInstanceOf(Webhook.class);
        return (Webhook) mapped;
    }

    private Unreadable unreadable(TestRow row) {
        Mapped mapped = mapper.map(row.build(), Optional.empty());
        assertThat(mapped).isInstanceOf(Unreadable.class);
        return (Unreadable) mapped;
    }

    /** The one message the worker's parser reads in the webhook, and nothing else. */
    private static MessageReceived message(Webhook webhook) {
        ParsedWebhook parsed = WebhookParser.parse(webhook.body());
        assertThat(parsed.messages()).hasSize(1);
        assertThat(parsed.events()).isEmpty();
        return parsed.messages().get(0);
    }

    private static TestRow row(String messageId, String type) {
        return new TestRow(messageId, type);
    }

    /** A Django row with the values these tests do not care about filled in. */
    private static final class TestRow {

        private final String messageId;
        private final String messageType;
        private String fromNumber = FROM;
        private Object timestamp = SENT_AT;
        private Object createdAt = CREATED_AT;
        private String textBody;
        private String mediaId;
        private String rawPayload;
        private String contactName;
        private String wabaId;
        private String phoneNumberId;
        private String displayPhoneNumber;

        TestRow(String messageId, String messageType) {
            this.messageId = messageId;
            this.messageType = messageType;
        }

        TestRow fromNumber(String value) {
            fromNumber = value;
            return this;
        }

        TestRow timestamp(Object value) {
            timestamp = value;
            return this;
        }

        TestRow createdAt(Object value) {
            createdAt = value;
            return this;
        }

        TestRow textBody(String value) {
            textBody = value;
            return this;
        }

        TestRow mediaId(String value) {
            mediaId = value;
            return this;
        }

        TestRow rawPayload(String value) {
            rawPayload = value;
            return this;
        }

        TestRow contactName(String value) {
            contactName = value;
            return this;
        }

        TestRow wabaId(String value) {
            wabaId = value;
            return this;
        }

        TestRow phoneNumberId(String value) {
            phoneNumberId = value;
            return this;
        }

        TestRow displayPhoneNumber(String value) {
            displayPhoneNumber = value;
            return this;
        }

        DjangoMessage build() {
            return new DjangoMessage(7, messageId, fromNumber, messageType, timestamp, textBody, mediaId, rawPayload, createdAt,
                    null, contactName, wabaId, phoneNumberId, displayPhoneNumber);
        }
    }
}
