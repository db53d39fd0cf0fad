package io.wapipeline.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.wapipeline.model.GroupLag;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.stack.LocalStack;

/**
 * What the pipeline holds of the items it promised, read afresh at every call because Kafka and PostgreSQL are stopped
 * and started under it: the worker group's lag, the rows and dead letters behind each item (and any beyond one), each
 * message's current status, and whether the conversations count every stored message once.
 */
final class Ledger implements AutoCloseable {

    private static final String GROUP = WebhookTopics.DEFAULT_WORKER_GROUP;

    private static final String MESSAGE_ROWS = """
            SELECT message_id, count(*) FROM whatsapp_message WHERE message_id = ANY(?) GROUP BY message_id
            """;
    private static final String STATUS_ROWS = """
            SELECT message_id, status, count(*) FROM whatsapp_message_status WHERE message_id = ANY(?)
             GROUP BY message_id, status
            """;
    private static final String KEPT_APART_ROWS = """
            SELECT payload->>'id', count(*) FROM whatsapp_event WHERE kind = 'unreadable' AND payload->>'id' = ANY(?)
             GROUP BY payload->>'id'
            """;
    private static final String CURRENT_STATUSES = """
            SELECT message_id, status FROM whatsapp_message_current_status WHERE message_id = ANY(?)
            """;
    /**
     * Conversations count only messages that were new when stored: each count equals its distinct stored messages, and
     * every stored message has its conversation. Any difference, summed.
     */
    private static final String CONVERSATIONS_OFF = """
            SELECT (SELECT coalesce(sum(abs(c.message_count - coalesce(m.stored, 0))), 0)
                      FROM whatsapp_conversation c
                      LEFT JOIN (SELECT phone_number_id, contact_id, count(DISTINCT message_id) AS stored
                                   FROM whatsapp_message GROUP BY phone_number_id, contact_id) m
                     USING (phone_number_id, contact_id))
                 + (SELECT count(*) FROM whatsapp_message m WHERE NOT EXISTS (SELECT 1 FROM whatsapp_conversation c
                     WHERE c.phone_number_id = m.phone_number_id AND c.contact_id = m.contact_id))
            """;

    /**
     * The status precedence of docs/architecture.md, behaviour 6: the current one is the highest reported, whatever
     * the arrival order.
     */
    private static final Map<String, Integer> PRECEDENCE = Map.of("sent", 1, "failed", 2, "delivered", 3, "read", 4, "played", 5);

    private final DatabaseUrl database;
    /** The brokers and the stack's super user's login. */
    private final Map<String, Object> kafka;
    private final Admin admin;

    Ledger(LocalStack stack) {
        this.database = DatabaseUrl.parse(stack.databaseUrl());
        this.kafka = stack.kafkaClientProperties();
        Map<String, Object> adminProperties = new java.util.HashMap<>(kafka);
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(adminProperties);
    }

    /**
     * Which of the items are kept, and how many rows (or dead letters) there are beyond one per item.
     *
     * @param present the items found; a status found also counts as the message's "any status"
     */
    record Found(Set<Item> present, long surplus) {
    }

    /** Waits until the worker group has committed everything; false if it has not within {@code timeout}. */
    boolean awaitLagZero(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag().orElse(-1) != 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return true;
    }

    /** Records of the raw topic the worker group has not committed; empty while Kafka does not answer. */
    OptionalLong lag() {
        try {
            return OptionalLong.of(GroupLag.of(admin, GROUP, WebhookTopics.RAW).lag());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
        catch (Exception unavailable) {
            return OptionalLong.empty();
        }
    }

    Found find(Collection<Item> items) throws SQLException {
        Set<Item> present = new HashSet<>();
        long surplus = 0;
        try (Connection connection = connect()) {
            surplus += rows(connection, MESSAGE_ROWS, ids(items, Item.Kind.MESSAGE), row -> {
                present.add(Item.message(row.getString(1)));
                return row.getLong(2) - 1;
            });
            surplus += rows(connection, STATUS_ROWS, ids(items, Item.Kind.STATUS), row -> {
                present.add(Item.status(row.getString(1), row.getString(2)));
                present.add(Item.status(row.getString(1), null));
                return row.getLong(3) - 1;
            });
            surplus += rows(connection, KEPT_APART_ROWS, ids(items, Item.Kind.KEPT_APART), row -> {
                present.add(Item.keptApart(row.getString(1)));
                return row.getLong(2) - 1;
            });
        }
        for (Map.Entry<String, Long> letters : deadLetters(ids(items, Item.Kind.DEAD_LETTER)).entrySet()) {
            present.add(Item.deadLetter(letters.getKey()));
            surplus += letters.getValue() - 1;
        }
        return new Found(present, surplus);
    }

    /** Messages whose current status ranks below a status acknowledged for them (only statuses named in the items). */
    long currentStatusesBelowPromised(Collection<Item> items) throws SQLException {
        Map<String, Integer> promised = items.stream().filter(item -> item.kind() == Item.Kind.STATUS && item.status() != null)
                .collect(Collectors.toMap(Item::id, item -> rank(item.status()), Math::max));
        Map<String, Integer> current = new HashMap<>();
        try (Connection connection = connect()) {
            rows(connection, CURRENT_STATUSES, promised.keySet(), row -> {
                current.put(row.getString(1), rank(row.getString(2)));
                return 0;
            });
        }
        return promised.entrySet().stream().filter(expected -> current.getOrDefault(expected.getKey(), 0) < expected.getValue()).count();
    }

    /** How far the conversations' message counts are off the messages stored, summed: 0 when each message counts once. */
    long conversationsOff() throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(CONVERSATIONS_OFF);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /** Runs {@code sql} with the ids as its one array parameter, each row to {@code reader}; returns what they add up to. */
    private static long rows(Connection connection, String sql, Set<String> ids, RowReader reader) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        long sum = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    sum += reader.read(row);
                }
            }
        }
        return sum;
    }

    /** How many records of the dead-letter topic contain each marker (only those found), read from its beginning. */
    private Map<String, Long> deadLetters(Set<String> markers) {
        Map<String, Long> letters = new HashMap<>();
        if (!markers.isEmpty()) {
            readDeadLetters(letter -> {
                String value = new String(letter.value(), StandardCharsets.UTF_8);
                markers.stream().filter(value::contains).forEach(marker -> letters.merge(marker, 1L, Long::sum));
            });
        }
        return letters;
    }

    /** The reason header of every record of the dead-letter topic whose body contains {@code marker}. */
    List<String> deadLetterReasons(String marker) {
        List<String> reasons = new ArrayList<>();
        readDeadLetters(letter -> {
            if (new String(letter.value(), StandardCharsets.UTF_8).contains(marker)) {
                Header reason = letter.headers().lastHeader(WebhookHeaders.DEAD_LETTER_REASON);
                reasons.add(reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8));
            }
        });
        return reasons;
    }

    /** Every record of the dead-letter topic to {@code reader}, from its beginning to its end as it is now. */
    private void readDeadLetters(Consumer<ConsumerRecord<byte[], byte[]>> reader) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(WebhookTopics.DEAD_LETTER).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topic within 30 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(reader);
            }
        }
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(WebhookTopics.MAX_RECORD_BYTES));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    private static Set<String> ids(Collection<Item> items, Item.Kind kind) {
        return items.stream().filter(item -> item.kind() == kind).map(Item::id).collect(Collectors.toSet());
    }

    private static int rank(String status) {
        return PRECEDENCE.getOrDefault(status, 0);
    }

    @Override
    public void close() {
        admin.close();
    }

    @FunctionalInterface
    private interface RowReader {
        /** Reads one row; returns its part of the sum (rows beyond one, say). */
        long read(ResultSet row) throws SQLException;
    }
}
