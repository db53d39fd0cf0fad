package io.wapipeline.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.ops.StackRecords;
import io.wapipeline.ops.TestStack;
import io.wapipeline.ops.TestStack.Run;
import io.wapipeline.stack.LocalStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first command, proven: the local stack (the code {@code ./run-local} runs, with the services' real
 * jars) starts, takes a simulated signed conversation, and the read API returns every message of it.
 */
class LocalStackTest {

    private static final String BUSINESS = "109000000000777";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void simulatedConversationIsStoredAndServedByTheReadApi() throws Exception {
        LocalStack stack = TestStack.get();

        Run simulate = TestStack.wa("simulate", "--url", stack.ingestUrl() + "/api/whatsapp/webhook", "--count", "40",
                "--mix", "mixed", "--seed", "42", "--run-id", "e2e", "--contacts", "5", "--phone-number-id", BUSINESS, "--quiet");

        assertThat(simulate.exitCode()).as(simulate.out() + simulate.err()).isZero();
        assertThat(simulate.out()).contains("answers     200: 40");
        int messages = sentMessages(simulate.out());
        assertThat(messages).isPositive();
        await().atMost(Duration.ofSeconds(60)).until(() -> messagesOfBusiness(stack).size() == messages);
        List<JsonNode> stored = messagesOfBusiness(stack);
        assertThat(stored).allSatisfy(message -> {
            assertThat(message.path("messageId").asString()).startsWith("wamid.sim.e2e.in.");
            assertThat(message.path("businessPhoneNumberId").asString()).isEqualTo(BUSINESS);
            assertThat(message.path("contactId").asString()).isNotBlank();
            assertThat(message.path("type").asString()).isNotBlank();
        });
        JsonNode conversations = get(stack, "/api/whatsapp/conversations/?business=" + BUSINESS + "&limit=100");
        long counted = 0;
        for (JsonNode conversation : conversations.path("items")) {
            counted += conversation.path("messageCount").asLong();
        }
        assertThat(counted).isEqualTo(messages);
        assertThat(Files.readString(Path.of("target/stack-home/stack.env"))).contains("WHATSAPP_WEBHOOK_URL=" + stack.ingestUrl());
        assertThat(storedThroughTheApplicationRole(stack)).isEqualTo("whatsapp_app super=false rows=" + messages);
    }

    /** The worker migrated as the owner and stored as the application role, which is what stack.env hands the tools. */
    private static String storedThroughTheApplicationRole(LocalStack stack) throws Exception {
        DatabaseUrl app = DatabaseUrl.parse(stack.databaseUrl());
        try (Connection connection = DriverManager.getConnection(app.jdbcUrl(), app.username(), app.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_user, rolsuper, (SELECT count(*) FROM whatsapp_message "
                        + "WHERE phone_number_id = '" + BUSINESS + "') FROM pg_roles WHERE rolname = current_user")) {
            result.next();
            return result.getString(1) + " super=" + result.getBoolean(2) + " rows=" + result.getLong(3);
        }
    }

    /**
     * Issue 24: a plain client on the same machine produced a webhook to the raw topic and the worker stored it. The
     * stack's Kafka now asks for a login: such a client gets no answer, and the path above runs on per-service users.
     */
    @Test
    void aClientWithoutKafkaCredentialsCannotFeedTheWorker() throws Exception {
        LocalStack stack = TestStack.get();
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(WebhookTopics.RAW, "5511900000000",
                    StackRecords.text("wamid.ANONYMOUS-1", "5511900000000", "forged"))).get())
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        assertThat(Files.readString(Path.of("target/stack-home/stack.env"))).contains("KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT",
                "KAFKA_SASL_USERNAME=wa-ops");
        assertThat(StackRecords.value("SELECT message_id FROM whatsapp_message WHERE message_id = ?", "wamid.ANONYMOUS-1")).isEmpty();
    }

    @Test
    void theWorkerStartsWithoutWarningAboutTheApiDocumentItServesOnPurpose() throws Exception {
        TestStack.get();
        Path log = Path.of("target/stack-home/logs/worker.log");

        await().atMost(Duration.ofSeconds(30)).until(() -> lastStart(log).contains("Started WorkerApplication"));

        assertThat(lastStart(log)).doesNotContain("SpringDoc").doesNotContain("To disable it in production");
    }

    /** The worker's log since its last start (the file is appended to across runs). */
    private static String lastStart(Path log) throws Exception {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.lastIndexOf("Starting WorkerApplication")));
    }

    private static int sentMessages(String summary) {
        Matcher matcher = Pattern.compile("items sent\\s+\\d+ \\((\\d+) messages").matcher(summary);
        assertThat(matcher.find()).as(summary).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static List<JsonNode> messagesOfBusiness(LocalStack stack) throws Exception {
        JsonNode page = get(stack, "/api/whatsapp/messages/?business=" + BUSINESS + "&limit=100");
        List<JsonNode> items = new java.util.ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static JsonNode get(LocalStack stack, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.workerUrl() + path))
                .header("Authorization", "Bearer " + stack.secrets().apiToken()).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
