package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;
import io.wapipeline.testsupport.TestKafka;

/**
 * Kafka away: a webhook is answered 503 with {@code Retry-After} (never 200), the ingest says it is not ready while
 * staying alive, also under a burst of more webhooks than it has container threads, and the first webhook after
 * Kafka's return is kept without a restart. How soon the 503s come is measured by the fault suite (bench/run faults),
 * not asserted here.
 */
class KafkaOutageTest extends IngestIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void unreachableKafkaIsAnswered503AndRecoveryNeedsNoRestart() {
        assertThat(send(signedPost(body("warm-up"))).statusCode()).isEqualTo(200);
        double acceptedBefore = requests("accepted");
        double unavailableBefore = requests("kafka_unavailable");

        TestKafka.broker().cutOff();
        try {
            var during = send(signedPost(body("during-outage")));

            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).contains("5");
            assertThat(during.body()).contains("Kafka did not acknowledge the webhook in time");
            assertThat(requests("accepted")).isEqualTo(acceptedBefore);
            assertThat(requests("kafka_unavailable")).isEqualTo(unavailableBefore + 1);
            assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))).statusCode()).isEqualTo(503);

            // 300 at once, more than the container's 200 threads: liveness is answered among them, and each is a 503.
            List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 300)
                    .mapToObj(n -> http.sendAsync(signedPost(body("burst-" + n)).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))).statusCode()).isEqualTo(200);
            await().atMost(WAIT).until(() -> burst.stream().allMatch(CompletableFuture::isDone));
            assertThat(burst).allSatisfy(answer -> {
                assertThat(answer.join().statusCode()).isEqualTo(503);
                assertThat(answer.join().headers().firstValue("Retry-After")).contains("5");
            });
            assertThat(requests("kafka_unavailable")).isEqualTo(unavailableBefore + 301);
        }
        finally {
            TestKafka.broker().restore();
        }

        Map<TopicPartition, Long> before = rawTopicSnapshot();
        byte[] after = body("after-outage");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> send(signedPost(after)).statusCode() == 200);
        kafka.flush();
        assertThat(rawRecordsSince(before)).anySatisfy(record -> assertThat(record.value()).isEqualTo(after));
        assertThat(requests("accepted")).isGreaterThan(acceptedBefore);
    }

    private double requests(String outcome) {
        return meters.get("whatsapp.webhook.requests").tag("outcome", outcome).counter().count();
    }

    private static byte[] body(String marker) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + marker + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
