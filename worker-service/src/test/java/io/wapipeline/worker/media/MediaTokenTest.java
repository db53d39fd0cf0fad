package io.wapipeline.worker.media;

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

@ExtendWith(OutputCaptureExtension.class)
class MediaTokenTest extends MediaIntegrationTest {

    @Test
    void rejectedTokenMakesJobsWaitAndTheyResumeWhenItWorks(CapturedOutput output) throws Exception {
        String mediaId = unique("token");
        byte[] content = content(mediaId, 3_000);
        GRAPH.addMedia(mediaId, content, "image/jpeg");
        GRAPH.acceptToken("a-token-the-worker-does-not-have");

        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004501", mediaId, "image/jpeg", base64Sha256(content), null));

        awaitState(mediaId, "waiting_for_token");
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> health = health();
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"graphApi\":{").contains("\"status\":\"WARNING\"");
        });
        assertThat(output.getOut()).contains("Graph API rejected WHATSAPP_ACCESS_TOKEN (Graph API media lookup answered HTTP 401)")
                .doesNotContain(GRAPH_TOKEN);

        GRAPH.acceptToken(GRAPH_TOKEN);

        awaitState(mediaId, "stored");
        assertThat(row("SELECT attempts FROM whatsapp_media WHERE media_id = ?", mediaId)).containsEntry("attempts", 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(health().body()).doesNotContain("WARNING"));
        assertThat(output.getOut()).contains("Graph API accepts WHATSAPP_ACCESS_TOKEN again");
    }

    @Test
    void webhookDeliveredAgainAfterAFailedDownloadRetriesItToTheEnd() {
        String mediaId = unique("again");
        byte[] content = content(mediaId, 3_000);
        GRAPH.addMedia(mediaId, content, "image/jpeg");
        GRAPH.announceHash(mediaId, "11".repeat(32));
        String webhook = Webhooks.media("image", "wamid." + mediaId, "5511900004502", mediaId, "image/jpeg", null, null);

        publish(webhook);
        awaitState(mediaId, "failed");
        GRAPH.announceHash(mediaId, java.util.HexFormat.of().formatHex(sha256(content)));
        publish(webhook);

        awaitState(mediaId, "stored");
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", "wamid." + mediaId)).isEqualTo(1);
        assertThat((String) row("SELECT last_error FROM whatsapp_media WHERE media_id = ?", mediaId).get("last_error")).isNull();
    }

    private static byte[] sha256(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
