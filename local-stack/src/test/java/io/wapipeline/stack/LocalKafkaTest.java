package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.KafkaCredentials;

/**
 * The stack's own Kafka, started alone as {@code ./run-local} starts it: every client must log in, and each of the
 * stack's users may do only what its service needs. What an attacker on the same machine tried (issue 24): a plain
 * client producing a webhook to the raw topic.
 */
class LocalKafkaTest {

    @TempDir
    static Path home;

    private static DevSecrets secrets;
    private static LocalKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        secrets = DevSecrets.loadOrCreate(home.resolve("secrets.env"));
        kafka = LocalKafka.start(StackSettings.forTest(Path.of(".."), home), secrets.kafkaPasswords(), name -> null);
        try (Admin admin = Admin.create(kafka.clientProperties(KafkaAccess.ADMIN))) {
            admin.createTopics(List.of(WebhookTopics.RAW, WebhookTopics.DEAD_LETTER, WebhookTopics.REPROCESS).stream()
                    .map(topic -> WebhookTopics.declare(topic, 2, (short) 1)).toList()).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", kafka.bootstrapServers());

        assertThatThrownBy(() -> send(anonymous, WebhookTopics.RAW)).hasRootCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> guessed = new HashMap<>(kafka.clientProperties(KafkaAccess.INGEST));
        guessed.putAll(KafkaCredentials.plainOverLoopback(KafkaAccess.INGEST, "dev-kafka-guessed").clientProperties());

        assertThatThrownBy(() -> send(guessed, WebhookTopics.RAW)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theIngestMayWriteTheRawTopicAndNothingElse() {
        Map<String, Object> ingest = kafka.clientProperties(KafkaAccess.INGEST);

        assertThat(send(ingest, WebhookTopics.RAW)).isNotNegative();
        assertThatThrownBy(() -> send(ingest, WebhookTopics.DEAD_LETTER)).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(ingest, WebhookTopics.REPROCESS)).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readFromStart(ingest, WebhookTopics.RAW)).isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> createTopic(ingest, "ingest-made-" + System.nanoTime()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theWorkerReadsTheRawTopicInItsGroupAndWritesDeadLettersButCannotWriteTheRawTopic() {
        Map<String, Object> worker = kafka.clientProperties(KafkaAccess.WORKER);
        String body = "{\"worker-test\":" + System.nanoTime() + "}";
        send(kafka.clientProperties(KafkaAccess.INGEST), WebhookTopics.RAW, body);

        await().atMost(Duration.ofSeconds(60)).until(() -> consumeInGroup(worker, WebhookTopics.DEFAULT_WORKER_GROUP).contains(body));
        assertThat(send(worker, WebhookTopics.DEAD_LETTER)).isNotNegative();
        assertThatThrownBy(() -> send(worker, WebhookTopics.RAW)).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> consumeInGroup(worker, "not-the-workers")).isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void theToolsReadAndWriteThePipelinesTopicsButMakeNoTopicOfTheirOwn() {
        Map<String, Object> tools = kafka.clientProperties(KafkaAccess.TOOLS);

        assertThat(send(tools, WebhookTopics.REPROCESS)).isNotNegative();
        assertThat(readFromStart(tools, WebhookTopics.DEAD_LETTER)).isNotNull();
        assertThatThrownBy(() -> createTopic(tools, "tools-made-" + System.nanoTime()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void thePasswordsAreKeptInSecretsEnvReadableByItsOwnerOnly() throws Exception {
        Path file = home.resolve("secrets.env");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties kept = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            kept.load(reader);
        }
        assertThat(secrets.kafkaPasswords()).containsOnlyKeys(KafkaAccess.USERS);
        secrets.kafkaPasswords().forEach((user, password) -> {
            assertThat(password).startsWith("dev-kafka-").hasSizeGreaterThan(30);
            assertThat(kept.getProperty(DevSecrets.kafkaPasswordVariable(user))).isEqualTo(password);
        });
        assertThat(DevSecrets.loadOrCreate(file).kafkaPasswords()).as("read back unchanged").isEqualTo(secrets.kafkaPasswords());
    }

    @Test
    void eachServiceIsGivenItsOwnLoginAsEnvironmentVariables() {
        Map<String, String> ingest = kafka.environment(KafkaAccess.INGEST);

        assertThat(ingest).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT").containsEntry("KAFKA_SASL_MECHANISM", "PLAIN")
                .containsEntry("KAFKA_SASL_USERNAME", "ingest")
                .containsEntry("KAFKA_SASL_PASSWORD", secrets.kafkaPasswords().get(KafkaAccess.INGEST))
                .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "");
        assertThat(KafkaCredentials.from(ingest::get).clientProperties()).containsAllEntriesOf(
                kafka.clientProperties(KafkaAccess.INGEST).entrySet().stream().filter(entry -> !entry.getKey().equals("bootstrap.servers"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> (String) entry.getValue())));
    }

    private static long send(Map<String, Object> client, String topic) {
        return send(client, topic, "{}");
    }

    /** Sends one record and returns its offset; a refusal, or no answer within a few seconds, is thrown. */
    private static long send(Map<String, Object> client, String topic, String body) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put("max.block.ms", 5000);
        properties.put("delivery.timeout.ms", 5000);
        properties.put("request.timeout.ms", 4000);
        properties.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, "key", body.getBytes(StandardCharsets.UTF_8))).get().offset();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("refused: " + e.getCause(), e.getCause());
        }
    }

    /** What one poll of the topic's first partition from its start returns, read without a group. */
    private static List<ConsumerRecord<String, byte[]>> readFromStart(Map<String, Object> client, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(client, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition first = new TopicPartition(topic, 0);
            consumer.assign(List.of(first));
            consumer.seekToBeginning(List.of(first));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
            return records;
        }
    }

    /** The values one poll of the raw topic in {@code group} returns. */
    private static List<String> consumeInGroup(Map<String, Object> client, String group) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put("group.id", group);
        properties.put("auto.offset.reset", "earliest");
        properties.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(WebhookTopics.RAW));
            List<String> values = new ArrayList<>();
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
            return values;
        }
    }

    private static void createTopic(Map<String, Object> client, String name) throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
    }
}
