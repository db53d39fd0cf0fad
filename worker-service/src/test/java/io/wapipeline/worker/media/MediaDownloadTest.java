package io.wapipeline.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.wapipeline.worker.Webhooks;

class MediaDownloadTest extends MediaIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "image,image/jpeg,,jpg", "video,video/mp4,,mp4", "audio,audio/ogg; codecs=opus,,ogg",
            "document,application/pdf,lease-2026.pdf,pdf", "sticker,image/webp,,webp" })
    void everyMediaTypeIsDownloadedVerifiedAndServed(String type, String mimeType, String filename, String extension) throws Exception {
        String mediaId = unique(type);
        byte[] content = content(mediaId, 150_000);
        GRAPH.addMedia(mediaId, content, mimeType);

        publish(Webhooks.media(type, "wamid." + mediaId, "5511900004401", mediaId, mimeType, base64Sha256(content), filename));

        awaitState(mediaId, "stored");
        Map<String, Object> row = row("SELECT file_path, file_size, stored_sha256, attempts, last_error FROM whatsapp_media WHERE media_id = ?", mediaId);
        String hex = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(row).containsEntry("file_path", hex.substring(0, 2) + "/" + hex + "." + extension)
                .containsEntry("file_size", 150_000L).containsEntry("stored_sha256", hex)
                .containsEntry("attempts", 1).containsEntry("last_error", null);
        assertThat(Files.readAllBytes(Path.of(MEDIA_ROOT, (String) row.get("file_path")))).isEqualTo(content);
        assertThat(GRAPH.successfulFileDownloads(mediaId)).isEqualTo(1);

        HttpResponse<byte[]> served = get("/api/whatsapp/media/" + mediaId + "/content");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(content);
        assertThat(served.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo(mimeType.replace(" ", ""));
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy")).contains("sandbox; default-src 'none'");
        assertThat(served.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition -> assertThat(disposition)
                .startsWith("document".equals(type) ? "attachment" : "inline"));
        if (filename != null) {
            assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).contains("lease-2026.pdf");
        }
        String shown = new String(get("/api/whatsapp/media/" + mediaId).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(shown).contains("\"state\":\"stored\"").contains("\"sha256\":\"" + hex + "\"")
                .contains("\"contentUrl\":\"/api/whatsapp/media/" + mediaId + "/content\"").doesNotContain(MEDIA_ROOT);
        String message = new String(get("/api/whatsapp/messages/wamid." + mediaId).body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(message).contains("\"state\":\"stored\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "text/html", "image/svg+xml", "application/xhtml+xml", "text/javascript", "not a type" })
    void activeContentIsServedAsAnAttachmentThatCannotRun(String mimeType) throws Exception {
        String mediaId = unique("active");
        byte[] content = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        GRAPH.addMedia(mediaId, content, mimeType);
        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004409", mediaId, mimeType, base64Sha256(content),
                "invoice\u202Egpj.exe"));
        awaitState(mediaId, "stored");

        HttpResponse<byte[]> served = get("/api/whatsapp/media/" + mediaId + "/content");

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(served.headers().firstValue("Content-Security-Policy")).contains("sandbox; default-src 'none'");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment")
                .contains("invoicegpj.exe").doesNotContain("\u202E").doesNotContain("%E2%80%AE");
    }

    @ParameterizedTest
    @ValueSource(strings = { "..", "%2e%2e", "123?fields=x", "12 34" })
    void aMediaIdThatIsNotAGraphIdIsRefusedBeforeAnyRequest(String mediaId) {
        publish(Webhooks.media("image", "wamid.NOTGRAPH-" + unique("id"), "5511900004410", mediaId, "image/jpeg", null, null));

        awaitState(mediaId, "failed");
        assertThat(row("SELECT last_error FROM whatsapp_media WHERE media_id = ?", mediaId).get("last_error"))
                .isEqualTo("media id is not a Graph API id (letters, digits, '_' and '-', at most 128): nothing was requested");
        assertThat(GRAPH.lookups(mediaId)).isZero();
    }

    @Test
    void anAnnouncedDigestThatIsNotADigestFailsTheCheck() {
        String mediaId = unique("baddigest");
        GRAPH.addMedia(mediaId, content(mediaId, 1_000), "image/jpeg");

        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004411", mediaId, "image/jpeg", "not-a-digest", null));

        awaitState(mediaId, "failed");
        assertThat((String) row("SELECT last_error FROM whatsapp_media WHERE media_id = ?", mediaId).get("last_error"))
                .isEqualTo("the webhook's sha256 is not a SHA-256 digest, so the file cannot be verified: not-a-digest");
        assertThat(row("SELECT file_path FROM whatsapp_media WHERE media_id = ?", mediaId).get("file_path")).isNull();
    }

    @Test
    void downloadsAreMeasured() {
        String mediaId = unique("measured");
        byte[] content = content(mediaId, 1_000);
        GRAPH.addMedia(mediaId, content, "image/jpeg");

        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004407", mediaId, "image/jpeg", base64Sha256(content), null));

        awaitState(mediaId, "stored");
        String metrics = new String(get("/actuator/prometheus").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(metrics).contains("whatsapp_media_downloads_total{application=\"worker-service\",outcome=\"stored\"}")
                .contains("whatsapp_media_download_bytes_total").contains("whatsapp_media_download_seconds_count")
                .contains("whatsapp_media_jobs_waiting");
    }

    @Test
    void hashMismatchIsNeverStoredRetriedThenFailed() {
        String mediaId = unique("mismatch");
        GRAPH.addMedia(mediaId, content(mediaId, 10_000), "image/jpeg");
        GRAPH.announceHash(mediaId, "00".repeat(32));

        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004402", mediaId, "image/jpeg", null, null));

        awaitState(mediaId, "failed");
        Map<String, Object> row = row("SELECT attempts, last_error, file_path FROM whatsapp_media WHERE media_id = ?", mediaId);
        assertThat(row).containsEntry("attempts", 3).containsEntry("file_path", null);
        assertThat((String) row.get("last_error")).startsWith("gave up after 3 attempts: sha256 of the download");
        assertThat(GRAPH.fileDownloads(mediaId)).isEqualTo(3);
        assertThat(partialFiles()).isZero();
    }

    @Test
    void fileOverTheLimitFailsWithoutBeingWritten() {
        String mediaId = unique("large");
        GRAPH.addMedia(mediaId, content(mediaId, 2 * 1024 * 1024), "video/mp4");

        publish(Webhooks.media("video", "wamid." + mediaId, "5511900004403", mediaId, "video/mp4", null, null));

        awaitState(mediaId, "failed");
        assertThat((String) row("SELECT last_error FROM whatsapp_media WHERE media_id = ?", mediaId).get("last_error"))
                .isEqualTo("file is 2097152 bytes, larger than 1048576B");
        assertThat(GRAPH.fileDownloads(mediaId)).isZero();
        assertThat(partialFiles()).isZero();
    }

    @Test
    void expiredUrlIsReplacedByAFreshOne() {
        String mediaId = unique("expired-url");
        GRAPH.addMedia(mediaId, content(mediaId, 5_000), "image/png");
        GRAPH.expireUrlOnce(mediaId);

        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004404", mediaId, "image/png", null, null));

        awaitState(mediaId, "stored");
        assertThat(GRAPH.lookups(mediaId)).isEqualTo(2);
        assertThat(GRAPH.fileDownloads(mediaId)).isEqualTo(2);
        assertThat(row("SELECT attempts FROM whatsapp_media WHERE media_id = ?", mediaId)).containsEntry("attempts", 1);
    }

    @Test
    void twoServiceUnavailableAnswersThenSuccessStoreTheFileOnce() {
        String mediaId = unique("flaky");
        byte[] content = content(mediaId, 5_000);
        GRAPH.addMedia(mediaId, content, "image/jpeg");
        GRAPH.failFileDownloads(mediaId, 503, 503);

        publish(Webhooks.media("image", "wamid." + mediaId, "5511900004405", mediaId, "image/jpeg", base64Sha256(content), null));

        awaitState(mediaId, "stored");
        assertThat(GRAPH.fileDownloads(mediaId)).isEqualTo(3);
        assertThat(GRAPH.successfulFileDownloads(mediaId)).isEqualTo(1);
        assertThat(row("SELECT attempts, last_error FROM whatsapp_media WHERE media_id = ?", mediaId))
                .containsEntry("attempts", 3).containsEntry("last_error", null);
    }

    @Test
    void downloadUrlOutsideTheAllowListIsRefused() {
        String internal = unique("internal");
        String plainHttp = unique("plain-http");
        GRAPH.addMedia(internal, content(internal, 100), "image/jpeg");
        GRAPH.addMedia(plainHttp, content(plainHttp, 100), "image/jpeg");
        GRAPH.announceUrl(internal, "https://169.254.169.254/latest/meta-data/");
        GRAPH.announceUrl(plainHttp, "http://127.0.0.1:" + GRAPH.port() + "/files/" + plainHttp + "/x");

        publish(Webhooks.media("image", "wamid." + internal, "5511900004406", internal, "image/jpeg", null, null));
        publish(Webhooks.media("image", "wamid." + plainHttp, "5511900004406", plainHttp, "image/jpeg", null, null));

        awaitState(internal, "failed");
        awaitState(plainHttp, "failed");
        assertThat(row("SELECT attempts, last_error FROM whatsapp_media WHERE media_id = ?", internal)).containsEntry("attempts", 1)
                .containsEntry("last_error", "download host is not on whatsapp.media.allowed-hosts: 169.254.169.254");
        assertThat(row("SELECT last_error FROM whatsapp_media WHERE media_id = ?", plainHttp))
                .containsEntry("last_error", "download URL is not https: http");
        assertThat(GRAPH.fileDownloads(plainHttp)).isZero();
    }

    @Test
    void jobLeftByADeadWorkerIsResumedWhenItsLeaseEnds() {
        String mediaId = unique("abandoned");
        byte[] content = content(mediaId, 4_000);
        GRAPH.addMedia(mediaId, content, "image/jpeg");
        jdbc.sql("""
                INSERT INTO whatsapp_media (media_id, message_id, media_type, mime_type, announced_at, state, attempts, lease_until)
                VALUES (?, ?, 'image', 'image/jpeg', now(), 'downloading', 1, now() - interval '1 second')""")
                .param(mediaId).param("wamid." + mediaId).update();

        awaitState(mediaId, "stored");
        assertThat(row("SELECT attempts FROM whatsapp_media WHERE media_id = ?", mediaId)).containsEntry("attempts", 2);
    }

    @Test
    void mediaIdsOlderThanSevenDaysExpire() {
        String mediaId = unique("old");
        GRAPH.addMedia(mediaId, content(mediaId, 100), "image/jpeg");
        jdbc.sql("""
                INSERT INTO whatsapp_media (media_id, message_id, media_type, mime_type, announced_at)
                VALUES (?, ?, 'image', 'image/jpeg', now() - interval '8 days')""").param(mediaId).param("wamid." + mediaId).update();

        awaitState(mediaId, "expired");
        assertThat(GRAPH.lookups(mediaId)).isZero();
    }

    @Test
    void unknownMediaIsNotFoundAndPendingMediaHasNoContent() {
        assertThat(get("/api/whatsapp/media/no-such-media").statusCode()).isEqualTo(404);
        String mediaId = unique("pending");
        jdbc.sql("""
                INSERT INTO whatsapp_media (media_id, message_id, media_type, announced_at, state, next_attempt_at)
                VALUES (?, ?, 'image', now(), 'pending', now() + interval '1 hour')""").param(mediaId).param("wamid." + mediaId).update();

        HttpResponse<byte[]> content = get("/api/whatsapp/media/" + mediaId + "/content");

        assertThat(content.statusCode()).isEqualTo(404);
        assertThat(new String(content.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("media is not stored (state pending)");
        assertThat(get("/api/whatsapp/media/" + mediaId + "/content", null).statusCode()).isEqualTo(401);
    }

    private long partialFiles() {
        try (var files = Files.list(Path.of(MEDIA_ROOT, ".partial"))) {
            return files.count();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> get(String path) {
        return get(path, API_TOKEN);
    }

    private HttpResponse<byte[]> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
