package io.wapipeline.stackkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apache Kafka's own server on a folder: what it acknowledged, and the committed offsets, outlive a restart. */
class KafkaBrokerTest {

    @TempDir
    Path logDirectory;

    @Test
    void recordsTopicsAndCommittedOffsetsSurviveARestartOnTheSamePort() throws Exception {
        TopicPartition partition = new TopicPartition("kept", 0);
        int port;
        try (KafkaBroker broker = KafkaBroker.start(logDirectory, 0, Map.of())) {
            port = broker.port();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("kept", "k", "first")).get();
                producer.send(new ProducerRecord<>("kept", "k", "second")).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.assign(List.of(partition));
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1)));
            }
        }

        try (KafkaBroker again = KafkaBroker.start(logDirectory, port, Map.of());
                KafkaConsumer<String, String> consumer = consumer(again)) {
            assertThat(again.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            consumer.subscribe(Set.of("kept"));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("second");
        }
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThatThrownBy(() -> KafkaBroker.start(logDirectory, taken.getLocalPort(), Map.of()))
                    .isInstanceOf(KafkaBroker.PortInUseException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void aSecuredBrokerAsksEveryClientForItsLoginAndHoldsEachUserToItsAcls() throws Exception {
        SaslUsers users = new SaslUsers("admin", Map.of("admin", "admin-pass", "writer", "writer-pass"));
        try (KafkaBroker broker = KafkaBroker.startSecured(logDirectory, 0, Map.of(), users);
                Admin admin = Admin.create(broker.clientProperties("admin"))) {
            admin.createTopics(List.of(new NewTopic("guarded", 1, (short) 1))).all().get();

            assertThatThrownBy(() -> send(Map.of("bootstrap.servers", broker.bootstrapServers())))
                    .as("a client without credentials").hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            Map<String, Object> wrongPassword = broker.clientProperties("writer");
            wrongPassword.putAll(new SaslUsers("admin", Map.of("admin", "admin-pass", "writer", "guessed")).clientProperties("writer"));
            assertThatThrownBy(() -> send(wrongPassword)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
            assertThatThrownBy(() -> send(broker.clientProperties("writer"))).as("a user no ACL allows")
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);

            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "guarded", PatternType.LITERAL),
                    new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> send(broker.clientProperties("writer")) >= 0);
        }
    }

    /** Sends one record to {@code guarded} and returns its offset; a refusal or no answer within 5 s is thrown. */
    private static long send(Map<String, Object> client) throws Exception {
        Map<String, Object> properties = new java.util.HashMap<>(client);
        properties.put("max.block.ms", 5000);
        properties.put("delivery.timeout.ms", 5000);
        properties.put("request.timeout.ms", 4000);
        properties.put("enable.idempotence", false);
        properties.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>("guarded", "k", "v")).get().offset();
        }
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "kept-group",
                "enable.auto.commit", "false", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
