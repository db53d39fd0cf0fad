package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import io.wapipeline.ingest.IngestIntegrationTest;

/**
 * Correctness under concurrency, not latency (that is measured by the benchmarks): the publish timeout is raised so
 * a cold JVM sharing two cores with its broker and 500 client connections is not what the test measures.
 */
@TestPropertySource(properties = "whatsapp.ingest.publish-timeout=20s")
class ConcurrentWebhooksTest extends IngestIntegrationTest {

    private static final int REQUESTS = 500;

    @Test
    void fiveHundredConcurrentPostsAreEachKeptExactlyOnce() {
        Map<TopicPartition, Long> before = rawTopicSnapshot();
        List<byte[]> bodies = IntStream.range(0, REQUESTS).mapToObj(ConcurrentWebhooksTest::message).toList();

        List<CompletableFuture<HttpResponse<String>>> responses = bodies.stream()
                .map(body -> http.sendAsync(signedPost(body).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();

        assertThat(responses).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(200));
        List<ConsumerRecord<String, byte[]>> records = rawRecordsSince(before);
        Map<String, Long> copies = records.stream()
                .collect(Collectors.groupingBy(r -> new String(r.value(), StandardCharsets.UTF_8), Collectors.counting()));
        Map<String, Long> expected = bodies.stream()
                .collect(Collectors.toMap(b -> new String(b, StandardCharsets.UTF_8), b -> 1L));
        assertThat(records).hasSize(REQUESTS);
        assertThat(copies).isEqualTo(expected);
        assertThat(records.stream().map(ConsumerRecord::partition).distinct().count()).isGreaterThan(1);
    }

    private static byte[] message(int n) {
        String contact = "55119" + String.format("%08d", n);
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"contacts\":[{\"wa_id\":\"" + contact + "\"}],\"messages\":[{\"from\":\"" + contact
                + "\",\"id\":\"wamid.C" + n + "\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"n"
                + n + "\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

}
