package io.wapipeline.model.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Fixtures;

/**
 * The shapes Meta added in 2025–2026, read from the project's fixtures (written from Meta's references): business-scoped
 * ids, groups, coexistence echoes and history, synced contacts, edits, calls and marketing preferences.
 */
class ShapesOf2026Test {

    private static final Business BUSINESS = new Business("102290129340398", "106540352242922", "15550783881");

    @Test
    void anEchoIsAnOutboundMessageToTheUserItNames() {
        MessageReceived echo = parse("echo-text.json").messages().get(0);

        assertThat(echo.source()).isEqualTo(MessageSource.ECHO);
        assertThat(echo.outbound()).isTrue();
        assertThat(echo.from()).isEqualTo("15550783881");
        assertThat(echo.to()).isEqualTo(new PersonIds("5511911112222", "BR.48151623420001", null));
        assertThat(echo.customer()).isEqualTo(echo.to());
        assertThat(echo.contactId()).isEqualTo("5511911112222");
        assertThat(echo.textBody()).isEqualTo("Sim, temos o tamanho 42. Quer que eu reserve?");
        assertThat(echo.business()).isEqualTo(BUSINESS);
    }

    @Test
    void anEchoedImageCarriesItsMedia() {
        MessageReceived echo = parse("echo-image.json").messages().get(0);

        assertThat(echo.outbound()).isTrue();
        assertThat(echo.media()).isEqualTo(new Media("880011223344556", "image/jpeg",
                "Hn4zq4IUzgZ4E8dB3yFDa5mN1ZsJvYq7N0ZtQ3R2x9U=", null, null, null, null));
        assertThat(echo.caption()).isEqualTo("Modelo azul");
    }

    @Test
    void anEchoWhoseFromIsTheUserStillGoesToTheUser() {
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[{"field":"smb_message_echoes","value":{
                 "metadata":{"display_phone_number":"972123456789","phone_number_id":"P"},
                 "message_echoes":[{"from":"972987654321","to":"972123456789","id":"wamid.SWAPPED","timestamp":"1697044968",
                  "type":"text","text":{"body":"swapped"}}]}}]}]}""".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookParser.parse(body).messages().get(0).customer()).isEqualTo(new PersonIds("972987654321", null, null));
    }

    @Test
    void historyThreadsBecomeMessagesOfBothSidesAndTheChunkIsKeptWithoutThem() {
        ParsedWebhook parsed = parse("history-chunk.json");

        assertThat(parsed.messages()).extracting(MessageReceived::messageId, MessageReceived::outbound,
                MessageReceived::contactId, MessageReceived::historyStatus)
                .containsExactly(
                        tuple("wamid.HISTORY-0001", false, "5511933334444", "READ"),
                        tuple("wamid.HISTORY-0002", true, "5511933334444", "READ"),
                        tuple("wamid.HISTORY-0003", false, "5511933334444", "DELIVERED"),
                        tuple("wamid.HISTORY-0004", true, "5511955556666", "DELIVERED"));
        assertThat(parsed.messages()).allSatisfy(m -> assertThat(m.source()).isEqualTo(MessageSource.HISTORY));
        assertThat(parsed.messages().get(1).textBody()).isEqualTo("Abrimos das 9h às 13h.");
        assertThat(parsed.messages().get(2).media()).isEqualTo(new Media(null, "image/jpeg", null, null, null, null, null));
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.field()).isEqualTo("history");
            assertThat(event.kind()).isEqualTo(EventReceived.CHANGE);
            assertThat(event.payloadJson()).doesNotContain("wamid.HISTORY-0001");
            assertThat(Json.MAPPER.readTree(event.payloadJson()).at("/history/0/threads/0/message_count").asInt()).isEqualTo(3);
            assertThat(Json.MAPPER.readTree(event.payloadJson()).at("/history/0/metadata/progress").asInt()).isEqualTo(55);
        });
    }

    @Test
    void aDeclinedHistoryIsAnErrorAndItsChunk() {
        ParsedWebhook parsed = parse("history-declined.json");

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.events()).extracting(EventReceived::kind).containsExactly(EventReceived.ERROR, EventReceived.CHANGE);
        assertThat(Json.MAPPER.readTree(parsed.events().get(0).payloadJson()).path("code").asInt()).isEqualTo(2593109);
    }

    @Test
    void aGroupMessageNamesItsGroupAndItsSender() {
        MessageReceived message = parse("group-message.json").messages().get(0);

        assertThat(message.groupId()).isEqualTo("120363025246125888@g.us");
        assertThat(message.customer()).isEqualTo(new PersonIds("5511977778888", "BR.48151623420077", null));
        assertThat(message.contactName()).isEqualTo("Ana Lima");
    }

    @Test
    void groupStatusesNameEachParticipant() {
        ParsedWebhook parsed = parse("status-group-read.json");

        assertThat(parsed.statuses()).extracting(StatusReported::customer).containsExactly(
                new PersonIds("5511977778888", "BR.48151623420077", null),
                new PersonIds("5511977779999", "BR.48151623420078", null),
                new PersonIds(null, "BR.48151623420079", "BR.ENT.9900000000000079"));
        assertThat(parsed.statuses()).allSatisfy(status -> {
            assertThat(status.isGroup()).isTrue();
            assertThat(status.recipientId()).isEqualTo("120363025246125888@g.us");
        });
    }

    @Test
    void aOneToOneStatusReportsOnItsRecipient() {
        StatusReported status = parse("status-played.json").statuses().get(0);

        assertThat(status.isGroup()).isFalse();
        assertThat(status.participant()).isEqualTo(PersonIds.NONE);
        assertThat(status.customer().preferred()).isEqualTo(status.recipientId() != null ? status.recipientId() : status.recipientUserId());
    }

    @Test
    void aUserWithOnlyABusinessScopedIdIsFiledUnderIt() {
        ParsedWebhook parsed = parse("business-scoped-user.json");

        assertThat(parsed.messages().get(0).customer()).isEqualTo(new PersonIds(null, "US.13491208655302741924", null));
        assertThat(parsed.contacts()).singleElement().satisfies(contact -> {
            assertThat(contact.ids()).isEqualTo(new PersonIds(null, "US.13491208655302741924", null));
            assertThat(contact.username()).isEqualTo("@maria.travels");
            assertThat(contact.at()).isEqualTo(Instant.ofEpochSecond(1778000124));
        });
    }

    @Test
    void aChangedUserIdNamesTheNewAndThePreviousId() {
        MessageReceived message = parse("system-user-changed-user-id.json").messages().get(0);

        assertThat(message.systemType()).isEqualTo("user_changed_user_id");
        assertThat(message.identityChange()).isEqualTo(new IdentityChange(null, "BR.48151623420099", "BR.48151623420098"));
    }

    @Test
    void syncedContactsAreAddedAndRemovedByPhoneNumber() {
        ParsedWebhook parsed = parse("app-state-sync.json");

        assertThat(parsed.syncedContacts()).extracting(ContactSynced::phoneNumber, ContactSynced::fullName,
                ContactSynced::firstName, ContactSynced::action, ContactSynced::timestamp)
                .containsExactly(
                        tuple("5511922223333", "Carla Souza (loja centro)", "Carla", "add",
                                Instant.ofEpochSecond(1778000601)),
                        tuple("5511944445555", null, null, "remove", Instant.ofEpochSecond(1778000602)));
        assertThat(parsed.events()).singleElement().satisfies(event -> assertThat(event.field()).isEqualTo("smb_app_state_sync"));
    }

    @Test
    void aMarketingStopIsAPreferenceOfThePerson() {
        ParsedWebhook parsed = parse("user-preferences-stop.json");

        assertThat(parsed.preferences()).singleElement().satisfies(preference -> {
            assertThat(preference.person()).isEqualTo(new PersonIds("5511966667777", "BR.48151623420066", null));
            assertThat(preference.category()).isEqualTo("marketing_messages");
            assertThat(preference.value()).isEqualTo("stop");
            assertThat(preference.detail()).isEqualTo("User requested to stop marketing messages");
            assertThat(preference.timestamp()).isEqualTo(Instant.ofEpochSecond(1778000701));
        });
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventReceived.CHANGE);
            assertThat(event.field()).isEqualTo("user_preferences");
        });
    }

    @Test
    void callsAreCallsWithTheirCustomer() {
        CallReported connect = parse("call-connect.json").calls().get(0);
        CallReported terminate = parse("call-terminate.json").calls().get(0);
        CallReported ringing = parse("call-status.json").calls().get(0);

        assertThat(connect.callId()).isEqualTo("wacid.CALL-0001");
        assertThat(connect.event()).isEqualTo("connect");
        assertThat(connect.direction()).isEqualTo("USER_INITIATED");
        assertThat(connect.customer()).isEqualTo(new PersonIds("5511966667777", "BR.48151623420066", null));
        assertThat(terminate.status()).isEqualTo("COMPLETED");
        assertThat(terminate.startTime()).isEqualTo(Instant.ofEpochSecond(1778000805));
        assertThat(terminate.endTime()).isEqualTo(Instant.ofEpochSecond(1778000925));
        assertThat(terminate.duration()).isEqualTo(120L);
        assertThat(ringing.event()).isEqualTo("status");
        assertThat(ringing.status()).isEqualTo("RINGING");
        assertThat(parse("call-status.json").statuses()).isEmpty();
    }

    @Test
    void anEditNamesTheOriginalAndCarriesTheNewContent() {
        MessageReceived edit = parse("edit-text.json").messages().get(0);

        assertThat(edit.type()).isEqualTo("edit");
        assertThat(edit.editedMessageId()).isEqualTo("wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==");
        assertThat(edit.textBody()).isEqualTo("Olá! Peço o catálogo de verão, por favor");
    }

    private static ParsedWebhook parse(String fixture) {
        return WebhookParser.parse(Fixtures.bytes(fixture));
    }
}
