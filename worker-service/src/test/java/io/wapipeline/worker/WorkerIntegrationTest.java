package io.wapipeline.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TestPostgres;
import io.wapipeline.testsupport.TestSignatures;

/**
 * The worker running against the shared test broker and a database of its own. Raw records are published the way
 * the ingest publishes them (same key, same headers), so a test goes through Kafka into PostgreSQL for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "WHATSAPP_API_TOKENS=" + WorkerIntegrationTest.API_TOKEN + ",second-token",
        "WHATSAPP_ACCESS_TOKEN=" + WorkerIntegrationTest.GRAPH_TOKEN, "MEDIA_ROOT=target/test-media",
        "WHATSAPP_APP_SECRET=" + TestSignatures.APP_SECRETS, "WHATSAPP_INTERNAL_KEY=" + TestSignatures.INTERNAL_KEY,
        "whatsapp.media.download=false",
        "whatsapp.worker.retry-initial=100ms", "whatsapp.worker.retry-max=1s", "whatsapp.worker.summary-interval=2s",
        "whatsapp.worker.stall-timeout=3s", "whatsapp.worker.lag-interval=2s",
        "logging.level.io.wapipeline.worker=DEBUG",
        "whatsapp.console.users=" + WorkerIntegrationTest.CONSOLE_USERS })
public abstract class WorkerIntegrationTest {

    public static final String API_TOKEN = "api-token-for-tests";
    public static final String GRAPH_TOKEN = "graph-token-for-tests";

    /**
     * Console users: {@code viewer} with {@code viewer-password} (a {@code $2y$} hash, as htpasswd makes them),
     * {@code operator} with {@code operator-password}.
     */
    public static final String CONSOLE_USERS = "viewer:viewer:{bcrypt}$2y$10$jtWQeJikgNbI/r/9dRcdKuPqzdqbxqw3GwBpra3V.pl9KH.nN1yR.,"
            + "operator:operator:{bcrypt}$2a$10$sb5bdn0RmEMI.Dd9HKemk.0t6/WgqSvKGc1aZWouAnAEMXIM5a8CS";

    public static final Duration WAIT_TIME = Duration.ofMinutes(2);

    protected static final Duration WAIT = WAIT_TIME;

    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected JdbcClient jdbc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("DATABASE_URL", TestPostgres::newDatabase);
        registry.add("whatsapp.worker.group-id", () -> "worker-test-" + UUID.randomUUID());
    }

    /** Publishes a raw webhook record as the ingest does, signed with the test app secret; returns where it landed. */
    protected static RecordMetadata publish(byte[] body) {
        return publishRecord(body);
    }

    /** The same, for tests that run workers by hand instead of extending this class. */
    public static RecordMetadata publishRecord(String body) {
        return publishRecord(body.getBytes(StandardCharsets.UTF_8));
    }

    public static RecordMetadata publishRecord(byte[] body) {
        try {
            return producer().send(signed(body).toProducerRecord()).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish a test record", e);
        }
    }

    /** The raw record the ingest writes for {@code body}: keyed, with a request id and Meta's signature. */
    public static WebhookRecord signed(byte[] body) {
        return WebhookRecord.keyed(body, Instant.now(), UUID.randomUUID().toString(), TestSignatures.sign(body));
    }

    protected static RecordMetadata publish(String body) {
        return publish(body.getBytes(StandardCharsets.UTF_8));
    }

    protected long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    protected Map<String, Object> row(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        List<Map<String, Object>> rows = statement.query().listOfRows();
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for " + sql + " but found " + rows.size());
        }
        return rows.get(0);
    }

    /** Publishes any record (to another topic, with other headers) with the same producer. */
    protected static RecordMetadata publish(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
        try {
            return producer().send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish a test record to " + record.topic(), e);
        }
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, WebhookTopics.MAX_RECORD_BYTES),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
