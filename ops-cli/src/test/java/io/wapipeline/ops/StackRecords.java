package io.wapipeline.ops;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.model.signature.WebhookSigner;

/** Records into the test stack's Kafka and reads of its database, for the replay and redrive tests. */
public final class StackRecords {

    private StackRecords() {
    }

    /** A one-message text webhook as Meta sends it. */
    public static String text(String messageId, String contact, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA-OPS","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550009999","phone_number_id":"PN-OPS"},
                "contacts":[{"profile":{"name":"Olga"},"wa_id":"%2$s"}],
                "messages":[{"from":"%2$s","id":"%1$s","timestamp":"%4$d","type":"text","text":{"body":"%3$s"}}]}}]}]}"""
                .formatted(messageId, contact, body, Instant.now().getEpochSecond());
    }

    /**
     * Publishes {@code body} to {@code partition} of {@code topic} with the ingest's headers, Meta's signature under the
     * stack's app secret included, plus {@code extra}.
     */
    public static RecordMetadata publish(String topic, int partition, String key, String body, Map<String, byte[]> extra) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String appSecret = TestStack.settings().get(Setting.APP_SECRET.variable()).split(",")[0];
        ProducerRecord<String, byte[]> record = new WebhookRecord(key, bytes, Instant.now(), UUID.randomUUID().toString(),
                new WebhookSigner(appSecret).sign(bytes)).toProducerRecord(topic, partition);
        extra.forEach(record.headers()::add);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestStack.get().kafkaClientProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** The committed offsets of a consumer group. */
    public static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        try (Admin admin = Admin.create(TestStack.get().kafkaClientProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    /** One text column of one row, or empty when there is no such row. */
    public static Optional<String> value(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    private static Connection connect() throws SQLException {
        DatabaseUrl database = DatabaseUrl.parse(TestStack.get().databaseUrl());
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    public static int update(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql, e);
        }
    }

    public static List<String> lines(String text, String prefix) {
        return text.lines().filter(line -> line.startsWith(prefix)).toList();
    }
}
