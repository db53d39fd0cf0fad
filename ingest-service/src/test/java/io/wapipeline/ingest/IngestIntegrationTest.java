package io.wapipeline.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.signature.WebhookSigner;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TopicRecords;

/** The ingest running on a real port against the shared test broker, with helpers to talk to it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "WHATSAPP_WEBHOOK_VERIFY_TOKEN=" + IngestIntegrationTest.VERIFY_TOKEN,
        "WHATSAPP_APP_SECRET=retired-secret, " + IngestIntegrationTest.APP_SECRET })
public abstract class IngestIntegrationTest {

    public static final String VERIFY_TOKEN = "verify-token-for-tests";
    public static final String APP_SECRET = "app-secret-for-tests";
    public static final int PARTITIONS = WebhookTopics.DEFAULT_PARTITIONS;

    protected static final WebhookSigner SIGNER = new WebhookSigner(APP_SECRET);

    protected final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    protected URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    protected HttpRequest.Builder signedPost(byte[] body) {
        return post(body).header("X-Hub-Signature-256", SIGNER.sign(body));
    }

    protected HttpRequest.Builder post(byte[] body) {
        return HttpRequest.newBuilder(uri("/api/whatsapp/webhook/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static Map<TopicPartition, Long> rawTopicSnapshot() {
        return TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.RAW);
    }

    protected static List<ConsumerRecord<String, byte[]>> rawRecordsSince(Map<TopicPartition, Long> snapshot) {
        return TopicRecords.since(TestKafka.bootstrapServers(), snapshot);
    }

    protected static long rawRecordCountSince(Map<TopicPartition, Long> snapshot) {
        return TopicRecords.countSince(TestKafka.bootstrapServers(), snapshot);
    }

    protected static byte[] fixture(String name) {
        try (var in = IngestIntegrationTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
