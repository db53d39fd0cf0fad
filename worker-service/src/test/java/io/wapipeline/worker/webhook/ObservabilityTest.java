package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends WorkerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthShowsDatabaseAndKafka() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\":{").contains("\"kafka\":{")
                .contains("\"database\":\"PostgreSQL\"");
    }

    @Test
    void prometheusShowsWorkerCountsAndConsumerLag(CapturedOutput output) throws Exception {
        publish(Webhooks.text("wamid.OBSERVE-1", "5511900000661", "observed", 1749416383L));
        publish(Webhooks.text("wamid.OBSERVE-1", "5511900000661", "observed", 1749416383L));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.OBSERVE-1'") == 1);

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("whatsapp_worker_records_total{application=\"worker-service\",outcome=\"stored\"}")
                .contains("whatsapp_worker_messages_total{application=\"worker-service\",result=\"duplicate\"}")
                .contains("whatsapp_worker_batch_seconds_count")
                .contains("whatsapp_worker_lag{application=\"worker-service\"")
                .as("the group's lag replaces the Kafka client's per-consumer one").doesNotContain("kafka_consumer_fetch_manager_records_lag"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(output.getOut()).containsPattern("Consumed \\d+ records: \\d+ new messages, \\d+ duplicates"));
        assertThat(output.getOut()).contains("Saved message wamid.OBSERVE-1 from 5511900000661");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
