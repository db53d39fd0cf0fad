package io.wapipeline.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.model.signature.WebhookSigner;
import io.wapipeline.ops.StackRecords;
import io.wapipeline.ops.TestStack;
import io.wapipeline.testsupport.Conformance;
import io.wapipeline.testsupport.Conformance.Case;
import io.wapipeline.testsupport.RequiresConformanceCorpus;
import io.wapipeline.testsupport.TopicRecords;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance corpus ({@code shared/conformance/}, 133 real webhook bodies from other projects' test data), sent
 * signed and byte for byte through the whole local stack (ingest, Kafka, worker, PostgreSQL) once for the class, and
 * judged against {@code expected.json}. The one body that is not JSON is dead-lettered, so only the others are stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresConformanceCorpus
class ConformanceTest {

    private static final String NOT_JSON = "whatsapp-business-java-api/textMessageStatusRead.json";
    private static final Set<String> CAPTIONED = Set.of("image", "video", "document", "audio", "sticker");
    /**
     * The fields whose items are stored as rows of their own (messages and statuses; calls; a coexistence business's
     * echoed replies, stored as its outbound messages), not as change events.
     */
    private static final Set<String> READ_AS_ITEMS = Set.of("messages", "calls", "smb_message_echoes");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CALL_REPORTS = "SELECT call_id || ' ' || event || ' ' || COALESCE(status, '-') AS key"
            + " FROM whatsapp_call_event";

    private final List<Case> cases = Conformance.cases();
    private final List<Case> storable = cases.stream().filter(Case::strictJson).toList();
    private final Map<String, Integer> answers = new HashMap<>();
    private final Map<String, String> requestIds = new HashMap<>();
    private final List<String> keptFiles = new ArrayList<>();
    private final Map<String, String> origins = new HashMap<>();
    private final Map<String, String> fileAt = new HashMap<>();
    private List<ConsumerRecord<String, byte[]>> deadLetters;
    private DatabaseUrl database;

    @BeforeAll
    void sendEveryCorpusBodySignedAndWaitForTheWorker() throws Exception {
        String ingest = TestStack.get().ingestUrl() + "/api/whatsapp/webhook";
        Map<String, String> settings = TestStack.settings();
        // The stack's Kafka asks for a login: the test reads the topics as the stack's own super user.
        Map<String, Object> kafka = TestStack.get().kafkaClientProperties();
        database = DatabaseUrl.parse(settings.get(Setting.DATABASE_URL.variable()));
        WebhookSigner signer = new WebhookSigner(settings.get(Setting.APP_SECRET.variable()));
        Map<TopicPartition, Long> rawSnapshot = TopicRecords.endOffsets(kafka, WebhookTopics.RAW);
        Map<TopicPartition, Long> deadSnapshot = TopicRecords.endOffsets(kafka, WebhookTopics.DEAD_LETTER);
        HttpClient http = HttpClient.newHttpClient();
        for (Case file : cases) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(ingest))
                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", signer.sign(file.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file.body())).build(), HttpResponse.BodyHandlers.ofString());
            answers.put(file.name(), answer.statusCode());
            answer.headers().firstValue("X-Request-Id").ifPresent(id -> requestIds.put(file.name(), id));
        }
        Map<String, String> fileOf = requestIds.keySet().stream().collect(Collectors.toMap(requestIds::get, name -> name));
        for (ConsumerRecord<String, byte[]> raw : TopicRecords.since(kafka, rawSnapshot)) {
            String file = fileOf.get(header(raw, WebhookHeaders.REQUEST_ID));
            if (file != null) {
                keptFiles.add(file);
                origins.put(file, raw.partition() + "@" + raw.offset());
                fileAt.put(origins.get(file), file);
            }
        }
        List<String> messages = storable.stream().flatMap(c -> c.messages().stream()).map(m -> text(m, "id")).distinct().toList();
        List<String> statuses = storable.stream().flatMap(c -> c.statuses().stream()).filter(s -> !isCall(s))
                .map(ConformanceTest::status).distinct().toList();
        List<String> callReports = storable.stream().flatMap(c -> callReports(c).stream()).distinct().toList();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(notYetProcessed()).as("files whose raw record the worker has not committed past").isEmpty();
            assertThat(keyed("SELECT message_id AS key FROM whatsapp_message").keySet()).as("stored messages").containsAll(messages);
            assertThat(keyed("SELECT message_id || ' ' || status AS key FROM whatsapp_message_status").keySet()).as("stored statuses")
                    .containsAll(statuses);
            assertThat(keyed(CALL_REPORTS).keySet()).as("stored call reports").containsAll(callReports);
            deadLetters = TopicRecords.since(kafka, deadSnapshot).stream()
                    .filter(r -> requestIds.containsValue(header(r, WebhookHeaders.REQUEST_ID))).toList();
            assertThat(deadLetters).as("dead letters of corpus requests").isNotEmpty();
        });
    }

    @Test
    void everyCorpusBodyIsAnswered200AndKeptAsExactlyOneRawRecord() {
        assertThat(cases).hasSize(133);
        SoftAssertions softly = new SoftAssertions();
        cases.forEach(file -> softly.assertThat(answers.get(file.name())).as("answer to %s", file.name()).isEqualTo(200));
        softly.assertThat(keptFiles).as("files of the raw records carrying a corpus request id")
                .containsExactlyInAnyOrderElementsOf(cases.stream().map(Case::name).toList());
        softly.assertAll();
    }

    @Test
    void everyCorpusMessageIsStoredAndThoseThatAgreeFieldByField() throws Exception {
        Map<String, Set<List<String>>> contents = new HashMap<>();
        cases.forEach(c -> c.messages().forEach(m -> contents.computeIfAbsent(text(m, "id"), id -> new HashSet<>())
                .add(Arrays.asList(text(m, "from"), text(m, "type"), text(m, "text")))));
        Map<String, JsonNode> stored = keyed("SELECT message_id AS key, from_number, message_type, text_body, caption"
                + " FROM whatsapp_message");
        SoftAssertions.assertSoftly(softly -> storable.forEach(file -> file.messages().forEach(message -> {
            String type = text(message, "type");
            String expected = text(message, "text");
            String where = text(message, "id") + " (" + type + ") in " + file.name();
            JsonNode row = stored.get(text(message, "id"));
            softly.assertThat(row).as("stored row of %s", where).isNotNull();
            if (row != null && contents.get(text(message, "id")).size() == 1) {
                softly.assertThat(text(row, "from_number")).as("from_number of %s", where).isEqualTo(text(message, "from"));
                softly.assertThat(text(row, "message_type")).as("message_type of %s", where).isEqualTo(type);
                String column = CAPTIONED.contains(type) ? "caption" : "text_body";
                if (CAPTIONED.contains(type) || "text".equals(type) || expected != null) {
                    softly.assertThat(text(row, column)).as("%s of %s", column, where).isEqualTo(expected);
                }
            }
        })));
    }

    @Test
    void everyCorpusStatusIsStoredWithItsRecipient() throws Exception {
        Map<String, Set<String>> recipients = new HashMap<>();
        cases.forEach(c -> c.statuses().forEach(s -> recipients.computeIfAbsent(status(s), k -> new HashSet<>())
                .add(String.valueOf(text(s, "recipient_id")))));
        Map<String, JsonNode> stored = keyed("SELECT message_id || ' ' || status AS key, recipient_id"
                + " FROM whatsapp_message_status");
        SoftAssertions.assertSoftly(softly -> storable.forEach(file -> file.statuses().stream().filter(s -> !isCall(s))
                .forEach(status -> {
            String where = status(status) + " in " + file.name();
            String expected = text(status, "recipient_id");
            softly.assertThat(stored).as("stored statuses, for %s", where).containsKey(status(status));
            if (stored.containsKey(status(status)) && expected != null && recipients.get(status(status)).size() == 1) {
                softly.assertThat(text(stored.get(status(status)), "recipient_id")).as("recipient_id of %s", where)
                        .isEqualTo(expected);
            }
        })));
    }

    /** Calls are calls: each report a call event of a call row, and a call's status never a message status. */
    @Test
    void everyCorpusCallIsStoredWithItsReportsAndNoCallStatusAsAMessageStatus() throws Exception {
        Set<String> reports = keyed(CALL_REPORTS).keySet();
        Set<String> calls = keyed("SELECT call_id AS key FROM whatsapp_call").keySet();
        Set<String> messageStatuses = keyed("SELECT message_id || ' ' || status AS key FROM whatsapp_message_status").keySet();
        SoftAssertions.assertSoftly(softly -> storable.forEach(file -> {
            callReports(file).forEach(report -> {
                softly.assertThat(reports).as("call reports, for %s in %s", report, file.name()).contains(report);
                softly.assertThat(calls).as("calls, for %s", file.name()).contains(report.substring(0, report.indexOf(' ')));
            });
            file.statuses().stream().filter(ConformanceTest::isCall).forEach(status -> softly.assertThat(messageStatuses)
                    .as("message statuses, for the call status %s in %s", status(status), file.name()).doesNotContain(status(status)));
        }));
    }

    /**
     * A coexistence business's replies from its phone are its outbound messages, echoed, in the user's conversation
     * (judged for the echoes whose wamid no live message in the corpus also uses: the corpus reuses placeholders).
     */
    @Test
    void everyEchoedReplyIsStoredAsAnOutboundMessage() throws Exception {
        Map<String, JsonNode> stored = keyed("SELECT message_id AS key, source, outbound FROM whatsapp_message WHERE source = 'echo'");
        List<String> echoes = storable.stream().flatMap(file -> JSON.readTree(file.body()).path("entry").valueStream())
                .flatMap(entry -> entry.path("changes").valueStream())
                .filter(change -> "smb_message_echoes".equals(text(change, "field")))
                .flatMap(change -> change.path("value").path("message_echoes").valueStream()).map(echo -> text(echo, "id"))
                .filter(id -> cases.stream().flatMap(c -> c.messages().stream()).noneMatch(m -> id.equals(text(m, "id"))))
                .toList();
        assertThat(echoes).as("echoes in the corpus whose wamid no live message of it shares").isNotEmpty();
        assertThat(stored).as("echoes stored as outbound messages").containsKeys(echoes.toArray(String[]::new));
        stored.values().forEach(row -> assertThat(row.path("outbound").asBoolean()).isTrue());
    }

    /** Events are deduplicated by content: files with the very same change share one row, with the record of either. */
    @Test
    void everyOtherFieldIsKeptAsAnEventOfItsRecord() throws Exception {
        Map<List<Object>, Set<String>> filesOfChange = new HashMap<>();
        storable.forEach(c -> changes(c).forEach(change -> filesOfChange.computeIfAbsent(change, k -> new HashSet<>()).add(c.name())));
        List<JsonNode> events = rows("SELECT field, source_partition || '@' || source_offset AS origin FROM whatsapp_event"
                + " WHERE kind <> 'unreadable'");
        SoftAssertions.assertSoftly(softly -> storable.forEach(file -> {
            softly.assertThat(changes(file).stream().map(change -> change.get(0))).as("changes of %s", file.name())
                    .containsAll(file.fields().stream().filter(field -> !READ_AS_ITEMS.contains(field)).toList());
            changes(file).forEach(change -> softly.assertThat(events.stream().filter(e -> change.get(0).equals(text(e, "field")))
                    .map(e -> fileAt.get(text(e, "origin")))).as("files whose record holds the %s event of %s at %s", change.get(0),
                            file.name(), origins.get(file.name())).containsAnyElementsOf(filesOfChange.get(change)));
        }));
    }

    @Test
    void onlyTheOneBodyThatIsNotJsonIsDeadLetteredWithItsReason() {
        assertThat(cases.stream().filter(c -> !c.strictJson()).map(Case::name)).containsExactly(NOT_JSON);
        assertThat(deadLetters).as("dead letters of corpus requests").hasSize(1);
        ConsumerRecord<String, byte[]> letter = deadLetters.get(0);
        assertThat(header(letter, WebhookHeaders.REQUEST_ID)).as("request id of the dead letter").isEqualTo(requestIds.get(NOT_JSON));
        assertThat(header(letter, WebhookHeaders.DEAD_LETTER_REASON)).as("reason of the dead letter of " + NOT_JSON).isNotBlank();
        assertThat(ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt() + "@"
                + ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
                .as("raw record the dead letter of " + NOT_JSON + " names").isEqualTo(origins.get(NOT_JSON));
        assertThat(letter.value()).as("dead-lettered body of " + NOT_JSON)
                .isEqualTo(cases.stream().filter(c -> c.name().equals(NOT_JSON)).findFirst().orElseThrow().body());
    }

    @Test
    void noCorpusRecordLeavesAnUnreadableItem() throws Exception {
        List<String> unreadable = rows("SELECT field, source_topic, source_partition || '@' || source_offset AS origin, reason"
                + " FROM whatsapp_event WHERE kind = 'unreadable'").stream()
                .filter(row -> WebhookTopics.RAW.equals(text(row, "source_topic")) && fileAt.containsKey(text(row, "origin")))
                .map(row -> fileAt.get(text(row, "origin")) + " (" + text(row, "field") + "): " + text(row, "reason")).toList();
        assertThat(unreadable).as("unreadable items of corpus records").isEmpty();
    }

    /** Each change of another field than messages and calls, as the worker identifies it: field, account, time and value. */
    private static List<List<Object>> changes(Case file) {
        return JSON.readTree(file.body()).path("entry").valueStream().flatMap(entry -> entry.path("changes").valueStream()
                .filter(change -> !READ_AS_ITEMS.contains(text(change, "field")))
                .map(change -> Arrays.<Object>asList(text(change, "field"), entry.get("id"), entry.get("time"), change.get("value"))))
                .toList();
    }

    /**
     * Each call report of a file's {@code calls} changes as {@link #CALL_REPORTS} keys it: call id, event (a call
     * status is event {@code status}) and status ({@code -} for none).
     */
    private static List<String> callReports(Case file) {
        return JSON.readTree(file.body()).path("entry").valueStream().flatMap(entry -> entry.path("changes").valueStream())
                .filter(change -> "calls".equals(text(change, "field"))).map(change -> change.path("value"))
                .flatMap(value -> Stream.concat(
                        value.path("calls").valueStream().map(call -> text(call, "id") + " " + text(call, "event") + " "
                                + Objects.requireNonNullElse(text(call, "status"), "-")),
                        value.path("statuses").valueStream().map(status -> text(status, "id") + " status " + text(status, "status"))))
                .toList();
    }

    /** A call's status: Meta's call ids are {@code wacid.}, and {@code expected.json} lists them among the statuses. */
    private static boolean isCall(JsonNode status) {
        String id = text(status, "id");
        return id != null && id.startsWith("wacid.");
    }

    /** The corpus files whose raw record the worker's consumer group has not committed past yet. */
    private List<String> notYetProcessed() {
        var committed = StackRecords.committedOffsets(WebhookTopics.DEFAULT_WORKER_GROUP);
        return origins.entrySet().stream().filter(e -> {
            String[] origin = e.getValue().split("@");
            var at = committed.get(new TopicPartition(WebhookTopics.RAW, Integer.parseInt(origin[0])));
            return at == null || at.offset() <= Long.parseLong(origin[1]);
        }).map(Map.Entry::getKey).toList();
    }

    private Map<String, JsonNode> keyed(String sql) throws SQLException {
        return rows(sql).stream().collect(Collectors.toMap(row -> text(row, "key"), row -> row));
    }

    /** The rows of a query, each as a JSON object by column name. */
    private List<JsonNode> rows(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                ResultSet result = connection.createStatement().executeQuery("SELECT coalesce(json_agg(r), '[]') FROM (" + sql
                        + ") r")) {
            result.next();
            return JSON.readTree(result.getString(1)).valueStream().toList();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return WebhookRecord.header(record.headers(), name).orElse(null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    private static String status(JsonNode status) {
        return text(status, "id") + " " + text(status, "status");
    }
}
