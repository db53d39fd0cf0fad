package io.wapipeline.ops.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.ops.Databases;
import io.wapipeline.ops.StackRecords;
import io.wapipeline.ops.TestStack;
import io.wapipeline.ops.TestStack.Run;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wa-ops import-django} against the real local stack: a Django app's database (the rows of
 * {@code importer/django-rows.sql}) goes through Kafka and the running worker into {@code whatsapp_message} and
 * {@code whatsapp_conversation}, once, and the Django database is left as it was.
 */
class ImportDjangoTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PHONE_NUMBER_ID = "PN-DJANGO";

    private static DjangoDatabase django;

    @BeforeAll
    static void djangoApp() {
        TestStack.get();
        django = DjangoDatabase.create("django_app");
        django.runScript("django-rows.sql");
    }

    @Test
    void importsEveryReadableMessageThroughTheWorkerOnceAndNeverWritesTheDjangoDatabase() {
        storeBeforeTheMove("wamid.DJANGO-11", "5511977000006");
        String messagesBefore = django.checksum("whatsapp_whatsappmessage");
        String conversationsBefore = django.checksum("whatsapp_whatsappconversation");

        long endBeforeDryRun = rawTopicEnd();
        Run dryRun = importDjango("--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("read 13 messages: 10 would be published, 1 already present, 2 unreadable "
                + "(--dry-run: nothing published)", "would publish wamid.DJANGO-4 (django id 4, message item from raw_payload, "
                + "wrapped in a webhook): {\"object\":\"whatsapp_business_account\"");
        assertThat(StackRecords.lines(dryRun.out(), "would publish ")).hasSize(10);
        assertThat(rawTopicEnd()).isEqualTo(endBeforeDryRun);

        Run firstRun = importDjango();

        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        assertThat(firstRun.out()).isEqualTo(String.join(System.lineSeparator(),
                "read 13 messages: 10 stored, 1 already present, 2 unreadable",
                "  published: whole webhook from raw_payload: 3; message item from raw_payload, wrapped in a webhook: 4; "
                        + "built from columns: 3",
                "  built from columns with an empty object of their type (no column mapping for it, text_body not carried): "
                        + "location: 1",
                "  unreadable, not published: no message_id: 1; no from_number: 1",
                "    django id 12: no message_id",
                "    django id 13: no from_number",
                "conversations: 4 read, 3 with readable messages, 3 in whatsapp_conversation (matched on the contact number)",
                ""));
        assertThat(firstRun.err()).contains("import-django: reading whatsapp_whatsappmessage and whatsapp_whatsappconversation "
                + "(4 rows) from postgres://django_owner:****@", "import-django: read 13 of 13 messages: 10 published, "
                + "1 already present, 2 unreadable", "import-django: waiting up to 1m30s for the worker to store the 10 messages published");
        assertThat(StackRecords.lines(firstRun.err(), "import-django: read 13 of 13 messages")).as("the last progress line, once")
                .hasSize(1);
        assertThat(rawTopicEnd() - endBeforeDryRun).as("records published").isEqualTo(10);
        assertThat(firstRun.out() + firstRun.err() + dryRun.out() + dryRun.err()).doesNotContain(DjangoDatabase.PASSWORD);
        assertEveryMessageStoredFieldByField();
        assertConversationsDerivedByTheWorker();

        String storedAfterFirstRun = storedRows();
        long endBeforeSecondRun = rawTopicEnd();
        Run secondRun = importDjango();

        assertThat(secondRun.exitCode()).as(secondRun.err()).isZero();
        assertThat(secondRun.out()).startsWith("read 13 messages: 0 stored, 11 already present, 2 unreadable"
                + System.lineSeparator() + "  unreadable, not published:");
        assertThat(rawTopicEnd()).as("records published by the second run").isEqualTo(endBeforeSecondRun);
        assertThat(storedRows()).isEqualTo(storedAfterFirstRun);
        assertThat(django.checksum("whatsapp_whatsappmessage")).isEqualTo(messagesBefore).startsWith("13 rows");
        assertThat(django.checksum("whatsapp_whatsappconversation")).isEqualTo(conversationsBefore).startsWith("4 rows");
    }

    @Test
    void theConnectionTheDjangoDatabaseIsReadThroughRefusesEveryWriteOfItsOwner() throws SQLException {
        try (Connection connection = Databases.connectReadOnly(DatabaseUrl.parse(django.url()), "test");
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM whatsapp_whatsappmessage WHERE id < 0"))
                    .hasMessageContaining("read-only transaction");
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE whatsapp_whatsappconversation SET name = 'x' WHERE id < 0"))
                    .hasMessageContaining("read-only transaction");
        }
    }

    @Test
    void aMessageTheWorkerKeepsApartIsNamedWithItsReasonAndTheImportFails() {
        DjangoDatabase oversize = DjangoDatabase.create("django_oversize");
        oversize.execute("""
                INSERT INTO whatsapp_whatsappmessage (message_id, from_number, message_type, timestamp, raw_payload, created_at)
                VALUES ('wamid.DJANGO-OVERSIZE', '5511977000008', 'image', now(), jsonb_build_object('from', '5511977000008',
                        'id', 'wamid.DJANGO-OVERSIZE', 'timestamp', extract(epoch FROM now())::bigint::text, 'type', 'image',
                        'image', jsonb_build_object('id', repeat('M', 600))), now())""");

        Run run = TestStack.wa("import-django", "--from", oversize.url(), "--phone-number-id", PHONE_NUMBER_ID, "--wait", "10s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("read 1 message: 0 stored, 0 already present, 0 unreadable, 1 published but not "
                + "stored within 10s");
        assertThat(run.err()).contains("import-django: 1 message published is not in whatsapp_message after 10s.",
                "  kept apart by the worker as unreadable (whatsapp_event, kind 'unreadable'): 1",
                "    wamid.DJANGO-OVERSIZE: media id is 600 bytes long; at most 512 can be stored",
                "  Running import-django again publishes only what is still missing.");
    }

    @Test
    void badUsageIsNamedWithExitCode2AndNoPassword() {
        Run noFrom = TestStack.wa("import-django");
        Run noTarget = TestStack.wa(settings -> settings.remove("DATABASE_URL"), "import-django", "--from", django.url());
        Run noTables = TestStack.wa("import-django", "--from", DjangoDatabase.empty("django_empty").url());
        Run noPhoneNumberId = TestStack.wa("import-django", "--from", django.url());

        assertThat(List.of(noFrom.exitCode(), noTarget.exitCode(), noTables.exitCode(), noPhoneNumberId.exitCode()))
                .containsOnly(2);
        assertThat(noFrom.err()).contains("Missing required option: '--from=DATABASE_URL'");
        assertThat(noTarget.err()).contains("import-django: DATABASE_URL is not set");
        assertThat(noTables.err()).contains("import-django: there is no table whatsapp_whatsappmessage that this user can read");
        assertThat(noPhoneNumberId.err()).contains("has no phone_number_id or business_phone_number_id column: pass "
                + "--phone-number-id");
        assertThat(noTarget.err() + noTables.err() + noPhoneNumberId.err()).doesNotContain(DjangoDatabase.PASSWORD);
    }

    @Test
    void thisSystemsOwnDatabaseWithItsDjangoNamedViewsIsRefusedAsASource() {
        DjangoDatabase thisSystem = DjangoDatabase.empty("django_lookalike");
        thisSystem.execute("""
                CREATE TABLE whatsapp_message (id bigserial PRIMARY KEY, message_id text NOT NULL, from_number text,
                    message_type text NOT NULL, timestamp timestamptz NOT NULL, phone_number_id text NOT NULL);
                CREATE VIEW whatsapp_whatsappmessage AS
                    SELECT id, message_id, from_number, message_type, timestamp, phone_number_id FROM whatsapp_message""");

        Run run = TestStack.wa("import-django", "--from", thisSystem.url());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("import-django: whatsapp_whatsappmessage in --from is a view over whatsapp_message: "
                + "this is this system's database");
    }

    @Test
    void helpSaysWhatItDoesAndHow() {
        Run help = TestStack.wa("import-django", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: wa-ops import-django", "--from=DATABASE_URL", "--phone-number-id=ID",
                "--wait=TIME", "--dry-run", "--bootstrap-servers", "whatsapp.webhooks.raw", "read-only transaction");
    }

    private static Run importDjango(String... extra) {
        String[] args = { "import-django", "--from", django.url(), "--phone-number-id", PHONE_NUMBER_ID, "--wait", "90s" };
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return TestStack.wa(all);
    }

    private static void assertEveryMessageStoredFieldByField() {
        assertStored("wamid.DJANGO-1", """
                {"from_number":"5511977000001","contact_id":"5511977000001","contact_name":"Ana Django","message_type":"text",
                 "text_body":"hello from a whole webhook","timestamp":1740823260,"received_at":1740823262,
                 "waba_id":"WABA-DJANGO","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-2", """
                {"from_number":"5511977000002","contact_id":"5511977000002","contact_name":"Bruno Django","message_type":"text",
                 "text_body":"first of two","timestamp":1740823320,"received_at":1740823382,
                 "waba_id":"WABA-DJANGO","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-3", """
                {"from_number":"5511977000002","contact_id":"5511977000002","contact_name":"Bruno Django","message_type":"text",
                 "text_body":"second of two","timestamp":1740823380,"received_at":1740823382,
                 "waba_id":"WABA-DJANGO","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-4", """
                {"from_number":"5511977000001","contact_id":"5511977000001","contact_name":"Ana Django","message_type":"text",
                 "text_body":"item only","timestamp":1740823440,"received_at":1740823442,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-5", """
                {"from_number":"5511977000002","contact_id":"5511977000002","contact_name":"Bruno Django","message_type":"image",
                 "text_body":"receipt from the item","caption":"receipt from the item","media_id":"MEDIA-DJANGO-5",
                 "media_mime_type":"image/jpeg","timestamp":1740823500,"received_at":1740823502,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-6", """
                {"from_number":"5511977000001","contact_id":"5511977000001","contact_name":"Ana Django",
                 "message_type":"interactive","interactive_type":"button_reply","reply_id":"btn-yes","reply_title":"Yes please",
                 "text_body":"Yes please","timestamp":1740823560,"received_at":1740823562,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-7", """
                {"from_number":"5511977000002","contact_id":"5511977000002","contact_name":"Bruno Django",
                 "message_type":"location","latitude":-23.5614,"longitude":-46.6559,"location_name":"MASP",
                 "location_address":"Av. Paulista 1578","text_body":"MASP","timestamp":1740823620,"received_at":1740823622,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-8", """
                {"from_number":"5511977000004","contact_id":"5511977000004","message_type":"text",
                 "text_body":"typed in django","timestamp":1740823680,"received_at":1740823682,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-9", """
                {"from_number":"5511977000004","contact_id":"5511977000004","message_type":"image",
                 "text_body":"caption from the column","caption":"caption from the column","media_id":"MEDIA-DJANGO-9",
                 "timestamp":1740823740,"received_at":1740823742,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertStored("wamid.DJANGO-10", """
                {"from_number":"5511977000004","contact_id":"5511977000004","message_type":"location",
                 "timestamp":1740823800,"received_at":1740823802,
                 "waba_id":"django-import","phone_number_id":"PN-DJANGO","display_phone_number":"15550001111"}""");
        assertThat(StackRecords.value("SELECT count(*)::text FROM whatsapp_message WHERE message_id LIKE 'wamid.DJANGO-%' "
                + "OR contact_id = '5511977000005' OR message_id = ''")).contains("11");
    }

    private static void assertStored(String messageId, String expected) {
        JsonNode stored = JSON.readTree(StackRecords.value("""
                SELECT json_strip_nulls(row_to_json(m))::text FROM (
                    SELECT from_number, contact_id, contact_name, message_type, interactive_type, reply_id, reply_title,
                           text_body, caption, media_id, media_mime_type, latitude, longitude, location_name, location_address,
                           extract(epoch FROM timestamp)::bigint AS timestamp, extract(epoch FROM received_at)::bigint AS received_at,
                           waba_id, phone_number_id, display_phone_number
                      FROM whatsapp_message WHERE message_id = ?) m""", messageId).orElseThrow(
                        () -> new AssertionError(messageId + " is not in whatsapp_message")));
        assertThat(stored).as(messageId).isEqualTo(JSON.readTree(expected));
    }

    private static void assertConversationsDerivedByTheWorker() {
        assertConversation("5511977000001", """
                [{"phone_number_id":"PN-DJANGO","contact_name":"Ana Django","message_count":3,"last_message_id":"wamid.DJANGO-6"}]""");
        assertConversation("5511977000002", """
                [{"phone_number_id":"PN-DJANGO","contact_name":"Bruno Django","message_count":4,"last_message_id":"wamid.DJANGO-7"}]""");
        assertConversation("5511977000004", """
                [{"phone_number_id":"PN-DJANGO","message_count":3,"last_message_id":"wamid.DJANGO-10"}]""");
        assertThat(StackRecords.value("SELECT count(*)::text FROM whatsapp_conversation WHERE contact_id = '5511977000007'"))
                .contains("0");
    }

    private static void assertConversation(String contact, String expected) {
        JsonNode stored = JSON.readTree(StackRecords.value("""
                SELECT json_agg(json_strip_nulls(row_to_json(c)))::text FROM (
                    SELECT phone_number_id, contact_name, message_count, last_message_id
                      FROM whatsapp_conversation WHERE contact_id = ? ORDER BY phone_number_id) c""", contact).orElseThrow());
        assertThat(stored).as(contact).isEqualTo(JSON.readTree(expected));
    }

    /** Every stored column of the imported messages but the time they were stored, in one text. */
    private static String storedRows() {
        return StackRecords.value("""
                SELECT count(*) || ' rows, md5 ' || md5(string_agg((to_jsonb(m) - 'stored_at')::text, ',' ORDER BY message_id))
                  FROM whatsapp_message m WHERE message_id LIKE 'wamid.DJANGO-%'""").orElseThrow();
    }

    /** A message this system stored before the move (from Meta, through the ingest), which Django kept too. */
    private static void storeBeforeTheMove(String messageId, String contact) {
        StackRecords.publish(WebhookTopics.RAW, 0, contact, StackRecords.text(messageId, contact, "sent before the move"), Map.of());
        await().atMost(WAIT).until(() -> StackRecords.value("SELECT message_id FROM whatsapp_message WHERE message_id = ?",
                messageId).isPresent());
    }

    /** The raw topic's end offsets, summed: it grows by one per record published. */
    private static long rawTopicEnd() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(TestStack.get().kafkaClientProperties(),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(WebhookTopics.RAW).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
