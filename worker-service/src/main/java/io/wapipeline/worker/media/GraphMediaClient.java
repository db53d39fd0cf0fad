package io.wapipeline.worker.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's Graph API for media: the lookup of a media id, and the download of the file it points to, both with the
 * bearer token. Redirects are not followed blindly: each hop must pass the allow-list before the token is sent.
 */
final class GraphMediaClient {

    /** Graph media ids are digits; Meta's id alphabet is kept for other ids. Nothing else is put in a request path. */
    private static final java.util.regex.Pattern GRAPH_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private static final Logger log = LoggerFactory.getLogger(GraphMediaClient.class);

    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 3;

    private final HttpClient http;
    private final JsonMapper json;
    private final MediaProperties properties;
    private final HostAllowList allowList;

    GraphMediaClient(HttpClient http, JsonMapper json, MediaProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.allowList = new HostAllowList(properties.allowedHosts());
    }

    /** {@code GET {graph}/{version}/{media-id}}. */
    MediaLocation lookup(String mediaId) throws DownloadFailure {
        if (!GRAPH_ID.matcher(mediaId).matches()) {
            throw new DownloadFailure(DownloadFailure.Kind.PERMANENT,
                    "media id is not a Graph API id (letters, digits, '_' and '-', at most 128): nothing was requested");
        }
        URI uri = URI.create(properties.graphApiUrl() + "/" + properties.graphApiVersion() + "/"
                + URLEncoder.encode(mediaId, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(authorized(uri).timeout(LOOKUP_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString(), "Graph API media lookup");
        if (response.statusCode() != 200) {
            throw DownloadFailure.forStatus(response.statusCode(), "Graph API media lookup");
        }
        return location(response.body());
    }

    /** Opens the file at {@code url}: the response whose body is the file, after any allowed redirects. */
    HttpResponse<InputStream> open(URI url) throws DownloadFailure {
        URI next = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String refusal = allowList.refusal(next);
            if (refusal != null) {
                throw new DownloadFailure(DownloadFailure.Kind.PERMANENT, refusal);
            }
            HttpResponse<InputStream> response = send(authorized(next).timeout(LOOKUP_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofInputStream(), "media download");
            int status = response.statusCode();
            if (status == 200) {
                return response;
            }
            close(response);
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                next = next.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status == 404) {
                throw new DownloadFailure(DownloadFailure.Kind.URL_EXPIRED, "media URL answered HTTP 404 (expired)");
            }
            throw DownloadFailure.forStatus(status, "media download");
        }
        throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, "more than " + MAX_REDIRECTS + " redirects");
    }

    private MediaLocation location(String body) throws DownloadFailure {
        try {
            JsonNode node = json.readTree(body);
            String url = node.path("url").asString("");
            if (url.isEmpty()) {
                throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, "Graph API lookup has no url");
            }
            JsonNode size = node.path("file_size");
            return new MediaLocation(URI.create(url), node.path("mime_type").asString(null),
                    node.path("sha256").asString(null), size.isMissingNode() || size.isNull() ? null : size.asLong());
        }
        catch (JacksonException | IllegalArgumentException malformed) {
            throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, "Graph API lookup answer is malformed: " + malformed.getMessage());
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + properties.accessToken()).GET();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String what) throws DownloadFailure {
        try {
            return http.send(request, body);
        }
        catch (IOException unreachable) {
            throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, what + " failed: " + unreachable, unreachable);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, what + " interrupted", interrupted);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        }
        catch (IOException alreadyClosed) {
            log.trace("Closing an unused response body: {}", alreadyClosed.toString());
        }
    }
}
