package io.wapipeline.worker.media;

import static org.awaitility.Awaitility.await;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.wapipeline.stackkit.FakeGraphApi;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * The worker with downloads on, against a local fake of the Graph API over HTTPS (trusted through an SSL bundle, and
 * allow-listed as 127.0.0.1), with small limits and short retries.
 */
abstract class MediaIntegrationTest extends WorkerIntegrationTest {

    static final FakeGraphApi GRAPH = FakeGraphApi.start(GRAPH_TOKEN);

    static final String MEDIA_ROOT = "target/media-" + UUID.randomUUID();

    /** The properties that point a worker's downloads at the fake. */
    static final Map<String, String> FAKE_GRAPH_SETTINGS = Map.ofEntries(
            Map.entry("whatsapp.media.download", "true"),
            Map.entry("WHATSAPP_GRAPH_API_URL", GRAPH.baseUrl()),
            Map.entry("MEDIA_ROOT", MEDIA_ROOT),
            Map.entry("whatsapp.media.allowed-hosts", "127.0.0.1"),
            Map.entry("whatsapp.media.ssl-bundle", "fake-graph"),
            Map.entry("spring.ssl.bundle.jks.fake-graph.truststore.location", "classpath:" + FakeGraphApi.TRUSTSTORE_CLASSPATH),
            Map.entry("spring.ssl.bundle.jks.fake-graph.truststore.password", FakeGraphApi.TRUSTSTORE_PASSWORD),
            Map.entry("spring.ssl.bundle.jks.fake-graph.truststore.type", "PKCS12"),
            Map.entry("whatsapp.media.poll-interval", "100ms"),
            Map.entry("whatsapp.media.retry-initial", "100ms"),
            Map.entry("whatsapp.media.retry-max", "300ms"),
            Map.entry("whatsapp.media.token-retry-interval", "300ms"),
            Map.entry("whatsapp.media.max-attempts", "3"),
            Map.entry("whatsapp.media.max-file-size", "1MB"));

    @DynamicPropertySource
    static void fakeGraph(DynamicPropertyRegistry registry) {
        FAKE_GRAPH_SETTINGS.forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeEach
    void tokenAccepted() {
        GRAPH.acceptToken(GRAPH_TOKEN);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String base64Sha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] content(String seed, int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed.hashCode()).nextBytes(bytes);
        return bytes;
    }

    String state(String mediaId) {
        return jdbc.sql("SELECT state FROM whatsapp_media WHERE media_id = ?").param(mediaId).query(String.class).optional().orElse("absent");
    }

    void awaitState(String mediaId, String state) {
        await().atMost(WAIT).until(() -> state.equals(state(mediaId)));
    }
}
