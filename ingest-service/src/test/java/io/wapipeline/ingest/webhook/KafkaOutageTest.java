package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

class KafkaOutageTest extends IngestIntegrationTest {

    /** The publish timeout (3 s by default) plus room for a loaded CI machine. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(4500);

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
            long start = System.nanoTime();
            var during = send(signedPost(body("during-outage")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).contains("5");
            assertThat(during.body()).contains("Kafka did not acknowledge the webhook in time");
            assertThat(took).isLessThan(ANSWER_WITHIN);
            assertThat(requests("accepted")).isEqualTo(acceptedBefore);
            assertThat(requests("kafka_unavailable")).isEqualTo(unavailableBefore + 1);

            // 300 at once, more than the container's 200 threads: none of them waits on Kafka, so liveness answers.
            List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 300)
                    .mapToObj(n -> http.sendAsync(signedPost(body("burst-" + n)).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            long probed = System.nanoTime();
            var liveness = send(HttpRequest.newBuilder(uri("/actuator/health/liveness")));
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - probed)).isLessThan(Duration.ofSeconds(1));
            assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))).statusCode()).isEqualTo(503);
            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).join();
            assertThat(burst).allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(503));
            assertThat(Duration.ofNanos(System.nanoTime() - probed)).isLessThan(ANSWER_WITHIN);
        }
        finally {
            TestKafka.broker().restore();
        }

        Map<TopicPartition, Long> before = rawTopicSnapshot();
        byte[] after = body("after-outage");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> send(signedPost(after)).statusCode() == 200);
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
