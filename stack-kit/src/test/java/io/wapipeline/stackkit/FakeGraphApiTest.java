package io.wapipeline.stackkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeGraphApiTest {

    private static final String TOKEN = "test-token";
    private static final String MEDIA_ID = "1234567890";
    private static final byte[] CONTENT = "fake jpeg bytes".getBytes(StandardCharsets.UTF_8);

    private final HttpClient client = HttpClient.newBuilder()
            .sslContext(FakeGraphApi.clientSslContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private FakeGraphApi graph;

    @BeforeEach
    void startGraph() {
        graph = FakeGraphApi.start(TOKEN);
        graph.addMedia(MEDIA_ID, CONTENT, "image/jpeg");
    }

    @AfterEach
    void stopGraph() {
        graph.close();
    }

    @Test
    void lookupThenDownloadWithTheAcceptedTokenReturnsTheBytesAndTheirHexSha256() throws Exception {
        HttpResponse<String> lookup = lookup(MEDIA_ID, TOKEN);
        String url = field(lookup.body(), "url");
        HttpResponse<byte[]> file = download(url, TOKEN);

        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(lookup.body()).contains("\"messaging_product\":\"whatsapp\"", "\"mime_type\":\"image/jpeg\"",
                "\"file_size\":" + CONTENT.length, "\"id\":\"" + MEDIA_ID + "\"");
        assertThat(field(lookup.body(), "sha256")).isEqualTo(sha256Hex(CONTENT));
        assertThat(url).startsWith(graph.baseUrl() + "/files/" + MEDIA_ID + "/");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(CONTENT);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(CONTENT.length);
    }

    @Test
    void baseUrlIsHttpsOnLoopbackAtThePort() {
        assertThat(graph.baseUrl()).isEqualTo("https://127.0.0.1:" + graph.port());
    }

    @Test
    void anyGraphVersionSegmentIsAccepted() throws Exception {
        assertThat(lookup("v19.0", MEDIA_ID, TOKEN).statusCode()).isEqualTo(200);
        assertThat(lookup("v24.0", MEDIA_ID, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void eachLookupIssuesAFreshUrlAndEveryIssuedUrlServesTheFile() throws Exception {
        String first = field(lookup(MEDIA_ID, TOKEN).body(), "url");
        String second = field(lookup(MEDIA_ID, TOKEN).body(), "url");

        assertThat(second).isNotEqualTo(first);
        assertThat(download(first, TOKEN).statusCode()).isEqualTo(200);
        assertThat(download(second, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongTokenIsAnswered401WithTheOAuthError() throws Exception {
        String url = field(lookup(MEDIA_ID, TOKEN).body(), "url");
        HttpResponse<String> lookup = lookup(MEDIA_ID, "wrong");
        HttpResponse<byte[]> file = download(url, "wrong");

        assertThat(lookup.statusCode()).isEqualTo(401);
        assertThat(lookup.body())
                .isEqualTo("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
        assertThat(file.statusCode()).isEqualTo(401);
        assertThat(graph.successfulFileDownloads(MEDIA_ID)).isZero();
    }

    @Test
    void aMissingAuthorizationHeaderIsAnswered401() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/v24.0/" + MEDIA_ID)).build();

        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptTokenReplacesTheAcceptedToken() throws Exception {
        graph.acceptToken("rotated");

        assertThat(lookup(MEDIA_ID, TOKEN).statusCode()).isEqualTo(401);
        assertThat(lookup(MEDIA_ID, "rotated").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownMediaIdIsAnswered404WithAGraphError() throws Exception {
        HttpResponse<String> lookup = lookup("999", TOKEN);

        assertThat(lookup.statusCode()).isEqualTo(404);
        assertThat(lookup.body()).contains("\"type\":\"GraphMethodException\"", "'999'");
        assertThat(graph.lookups("999")).isEqualTo(1);
    }

    @Test
    void aUrlNoLookupIssuedIsAnswered404() throws Exception {
        HttpResponse<byte[]> file = download(graph.baseUrl() + "/files/" + MEDIA_ID + "/made-up", TOKEN);

        assertThat(file.statusCode()).isEqualTo(404);
    }

    @Test
    void scriptedFileFailuresAreAnsweredInOrderThenTheFileIsServed() throws Exception {
        graph.failFileDownloads(MEDIA_ID, 503, 500);
        String url = field(lookup(MEDIA_ID, TOKEN).body(), "url");

        assertThat(download(url, TOKEN).statusCode()).isEqualTo(503);
        assertThat(download(url, TOKEN).statusCode()).isEqualTo(500);
        HttpResponse<byte[]> third = download(url, TOKEN);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.body()).isEqualTo(CONTENT);
        assertThat(graph.fileDownloads(MEDIA_ID)).isEqualTo(3);
        assertThat(graph.successfulFileDownloads(MEDIA_ID)).isEqualTo(1);
    }

    @Test
    void scriptedFailuresOfOneMediaLeaveOtherMediaAlone() throws Exception {
        graph.addMedia("other", CONTENT, "image/png");
        graph.failFileDownloads(MEDIA_ID, 503);

        assertThat(download(field(lookup("other", TOKEN).body(), "url"), TOKEN).statusCode()).isEqualTo(200);
        assertThat(download(field(lookup(MEDIA_ID, TOKEN).body(), "url"), TOKEN).statusCode()).isEqualTo(503);
    }

    @Test
    void aFailureStatusOutside4xxOr5xxIsRefused() {
        assertThatThrownBy(() -> graph.failFileDownloads(MEDIA_ID, 200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredUrlIsAnswered404UntilANewLookupIssuesAFreshOne() throws Exception {
        graph.expireUrlOnce(MEDIA_ID);
        String expired = field(lookup(MEDIA_ID, TOKEN).body(), "url");

        assertThat(download(expired, TOKEN).statusCode()).isEqualTo(404);
        assertThat(download(expired, TOKEN).statusCode()).isEqualTo(404);
        String fresh = field(lookup(MEDIA_ID, TOKEN).body(), "url");
        assertThat(download(fresh, TOKEN).statusCode()).isEqualTo(200);
        assertThat(graph.lookups(MEDIA_ID)).isEqualTo(2);
        assertThat(graph.fileDownloads(MEDIA_ID)).isEqualTo(3);
        assertThat(graph.successfulFileDownloads(MEDIA_ID)).isEqualTo(1);
    }

    @Test
    void anAnnouncedUrlReplacesTheIssuedOne() throws Exception {
        graph.announceUrl(MEDIA_ID, "https://169.254.169.254/x");

        assertThat(field(lookup(MEDIA_ID, TOKEN).body(), "url")).isEqualTo("https://169.254.169.254/x");
    }

    @Test
    void anAnnouncedHashReplacesTheTrueOneButTheBytesStayTheSame() throws Exception {
        String wrongHash = "00".repeat(32);
        graph.announceHash(MEDIA_ID, wrongHash);
        HttpResponse<String> lookup = lookup(MEDIA_ID, TOKEN);

        assertThat(field(lookup.body(), "sha256")).isEqualTo(wrongHash);
        assertThat(download(field(lookup.body(), "url"), TOKEN).body()).isEqualTo(CONTENT);
    }

    @Test
    void countersCountEveryRequestPerMediaId() throws Exception {
        String url = field(lookup(MEDIA_ID, TOKEN).body(), "url");
        lookup(MEDIA_ID, "wrong");
        download(url, TOKEN);
        download(url, "wrong");

        assertThat(graph.lookups(MEDIA_ID)).isEqualTo(2);
        assertThat(graph.fileDownloads(MEDIA_ID)).isEqualTo(2);
        assertThat(graph.successfulFileDownloads(MEDIA_ID)).isEqualTo(1);
        assertThat(graph.lookups("never-asked")).isZero();
    }

    @Test
    void resetForgetsMediaFaultsAndCounters() throws Exception {
        graph.failFileDownloads(MEDIA_ID, 503);
        lookup(MEDIA_ID, TOKEN);

        graph.reset();

        assertThat(graph.lookups(MEDIA_ID)).isZero();
        assertThat(lookup(MEDIA_ID, TOKEN).statusCode()).isEqualTo(404);
        graph.addMedia(MEDIA_ID, CONTENT, "image/jpeg");
        assertThat(download(field(lookup(MEDIA_ID, TOKEN).body(), "url"), TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void closeStopsTheServerAtOnce() {
        graph.close();
        HttpClient fresh = HttpClient.newBuilder().sslContext(FakeGraphApi.clientSslContext()).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/v24.0/" + MEDIA_ID))
                .header("Authorization", "Bearer " + TOKEN)
                .build();

        assertThatThrownBy(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    private HttpResponse<String> lookup(String mediaId, String token) throws IOException, InterruptedException {
        return lookup("v24.0", mediaId, token);
    }

    private HttpResponse<String> lookup(String version, String mediaId, String token)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(graph.baseUrl() + "/" + version + "/" + mediaId))
                .header("Authorization", "Bearer " + token)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> download(String url, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as("field %s in %s", name, json).isTrue();
        return matcher.group(1);
    }

    private static String sha256Hex(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
