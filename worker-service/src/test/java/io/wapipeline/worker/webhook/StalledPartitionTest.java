package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partition held up by a dependency that keeps failing in a way retrying should cure (here a test-only trigger
 * that answers every insert of one message with a serialization failure) is reported: health turns
 * OUT_OF_SERVICE after the stall timeout (3 s in tests) and the partition's gauges show it; once the dependency
 * recovers, the batch is stored and both return to normal. Nothing is dead-lettered meanwhile.
 */
class StalledPartitionTest extends WorkerIntegrationTest {

    private static final String FAIL_TRIGGER = """
            CREATE OR REPLACE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.message_id LIKE 'wamid.STALL-%' THEN
                RAISE EXCEPTION 'test dependency keeps failing' USING ERRCODE = '40001';
              END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS test_stall ON whatsapp_message;
            CREATE TRIGGER test_stall BEFORE INSERT ON whatsapp_message FOR EACH ROW EXECUTE FUNCTION test_stall();
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void dependencyRecovers() {
        jdbc.sql("DROP TRIGGER IF EXISTS test_stall ON whatsapp_message").update();
    }

    @Test
    void partitionBlockedByAFailingDependencyTurnsHealthOutOfServiceAndShowsInItsGauges() {
        jdbc.sql(FAIL_TRIGGER).update();
        double deadLetteredBefore = meters.get("whatsapp.worker.records").tag("outcome", "dead_lettered").counter().count();
        RecordMetadata stalled = publish(Webhooks.text("wamid.STALL-1", "5511977700777", "held up", 1749416383L));
        String partition = String.valueOf(stalled.partition());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            JsonNode consumer = JSON.readTree(health.body()).path("components").path("consumer");
            assertThat(consumer.path("status").asString()).as(health.body()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode stall = consumer.path("details").path("stalledPartitions").get(0);
            assertThat(stall.path("partition").asString()).isEqualTo(WebhookTopics.RAW + "-" + partition);
            assertThat(stall.path("failedAttempts").asInt()).isPositive();
            assertThat(stall.path("lastFailure").asString()).isEqualTo("SQLSTATE 40001: ERROR: test dependency keeps failing");
        });
        assertThat(gauge("whatsapp.worker.partition.failed.attempts", partition)).isPositive();
        assertThat(gauge("whatsapp.worker.partition.oldest.unstored", partition)).isGreaterThanOrEqualTo(3.0);
        assertThat(meters.get("whatsapp.worker.batch.failures").counter().count()).isPositive();

        dependencyRecovers();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.STALL-1'") == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/actuator/health").statusCode()).isEqualTo(200));
        assertThat(gauge("whatsapp.worker.partition.failed.attempts", partition)).isZero();
        assertThat(gauge("whatsapp.worker.partition.oldest.unstored", partition)).isZero();
        assertThat(meters.get("whatsapp.worker.records").tag("outcome", "dead_lettered").counter().count()).isEqualTo(deadLetteredBefore);
    }

    private double gauge(String name, String partition) {
        return meters.get(name).tag("topic", WebhookTopics.RAW).tag("partition", partition).gauge().value();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
