package io.wapipeline.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.model.GroupLag;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.stack.LocalStack;

/** The stack's Kafka and database as the worker benchmarks use them: preload records, watch the lag, query. */
final class Pipeline implements AutoCloseable {

    private static final String GROUP = WebhookTopics.DEFAULT_WORKER_GROUP;

    private final Admin admin;
    private final Connection database;
    /** The brokers and the stack's super user's login. */
    private final Map<String, Object> kafka;

    Pipeline(LocalStack stack) throws SQLException {
        this.kafka = stack.kafkaClientProperties();
        this.admin = Admin.create(kafka);
        DatabaseUrl url = DatabaseUrl.parse(stack.databaseUrl());
        this.database = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
    }

    /** Declares the topics as the services would (the default partitions), when no service has yet. */
    void declareTopics() throws Exception {
        for (String topic : List.of(WebhookTopics.RAW, WebhookTopics.DEAD_LETTER, WebhookTopics.REPROCESS)) {
            try {
                admin.createTopics(List.of(WebhookTopics.declare(topic, WebhookTopics.DEFAULT_PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Publishes the bodies to the raw topic as the ingest does (key, headers, acks=all); returns how many. */
    long preload(Iterator<SignedBody> bodies) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(WebhookTopics.MAX_RECORD_BYTES));
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            while (bodies.hasNext()) {
                SignedBody body = bodies.next();
                producer.send(WebhookRecord.keyed(body.body(), Instant.now(), UUID.randomUUID().toString(), body.signature())
                        .toProducerRecord());
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    /**
     * Waits until the worker group's lag on the raw topic is at most {@code records}; returns the database's clock
     * then. With 0: every record committed.
     */
    Instant awaitLagAtMost(long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lag;
        while ((lag = lag()) > records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker still lags " + lag + " records after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return instant("SELECT now()");
    }

    long lag() throws Exception {
        return GroupLag.of(admin, GROUP, WebhookTopics.RAW).lag();
    }

    long count(String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    double number(String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    Instant instant(String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getTimestamp(1).toInstant();
        }
    }

    Connection database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        admin.close();
        database.close();
    }
}
