package io.wapipeline.stackkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /{version}/{media-id}} (the lookup) and {@code GET /files/{media-id}/{nonce}} (the file) the way
 * Meta does, with the faults scripted on {@link FakeMedia}.
 */
final class FakeGraphHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(FakeGraphHandler.class);
    private static final Pattern VERSION = Pattern.compile("v\\d+(\\.\\d+)?");
    private static final String JSON = "application/json; charset=UTF-8";

    private final String baseUrl;
    private final Supplier<String> acceptedToken;
    private final Function<String, FakeMedia> mediaById;

    FakeGraphHandler(String baseUrl, Supplier<String> acceptedToken, Function<String, FakeMedia> mediaById) {
        this.baseUrl = baseUrl;
        this.acceptedToken = acceptedToken;
        this.mediaById = mediaById;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        }
        catch (IOException | RuntimeException e) {
            log.warn("Fake Graph API failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e;
        }
        finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] segments = path.split("/");
        if (!"GET".equals(exchange.getRequestMethod())) {
            sendJson(exchange, 405, GraphJson.error("Only GET is faked", "GraphMethodException", 100));
        }
        else if (segments.length == 3 && VERSION.matcher(segments[1]).matches() && "me".equals(segments[2])) {
            whoAmI(exchange);
        }
        else if (segments.length == 3 && VERSION.matcher(segments[1]).matches() && !segments[2].isEmpty()) {
            lookup(exchange, segments[2]);
        }
        else if (segments.length == 4 && "files".equals(segments[1]) && !segments[2].isEmpty()) {
            download(exchange, segments[2], segments[3]);
        }
        else {
            sendJson(exchange, 404, GraphJson.unknownObject(path));
        }
    }

    /** {@code GET /{version}/me}: how a client checks that its token works, as {@code wa-ops doctor} does. */
    private void whoAmI(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            sendUnauthorized(exchange);
        }
        else {
            sendJson(exchange, 200, "{\"id\":\"100000000000001\",\"name\":\"Fake Graph API system user\"}");
        }
    }

    private void lookup(HttpExchange exchange, String mediaId) throws IOException {
        FakeMedia media = mediaById.apply(mediaId);
        media.countLookup();
        Optional<FakeMedia.StoredFile> file = media.file();
        if (!authorized(exchange)) {
            sendUnauthorized(exchange);
        }
        else if (file.isEmpty()) {
            sendJson(exchange, 404, GraphJson.unknownObject(mediaId));
        }
        else {
            String url = media.announcedUrl().orElseGet(() -> fileUrl(mediaId, media.issueNonce()));
            FakeMedia.StoredFile stored = file.get();
            sendJson(exchange, 200, GraphJson.mediaUrl(mediaId, url, stored.mimeType(), media.reportedHash(stored),
                    stored.bytes().length));
        }
    }

    private void download(HttpExchange exchange, String mediaId, String nonce) throws IOException {
        FakeMedia media = mediaById.apply(mediaId);
        media.countFileDownload();
        Optional<FakeMedia.StoredFile> file = media.file();
        if (!authorized(exchange)) {
            sendUnauthorized(exchange);
        }
        else if (file.isEmpty() || !media.issued(nonce)) {
            sendJson(exchange, 404, GraphJson.error("No such media URL", "GraphMethodException", 100));
        }
        else if (media.expired(nonce)) {
            sendJson(exchange, 404, GraphJson.error("Media URL expired", "GraphMethodException", 100));
        }
        else {
            failOrServe(exchange, media, file.get());
        }
    }

    private void failOrServe(HttpExchange exchange, FakeMedia media, FakeMedia.StoredFile file) throws IOException {
        Optional<Integer> failure = media.nextFailure();
        if (failure.isPresent()) {
            int status = failure.get();
            sendJson(exchange, status, GraphJson.error("Failure " + status + " scripted in FakeGraphApi", "FakeGraphApi",
                    status));
        }
        else {
            media.countSuccessfulFileDownload();
            send(exchange, 200, file.mimeType(), file.bytes());
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return ("Bearer " + acceptedToken.get()).equals(authorization);
    }

    private String fileUrl(String mediaId, String nonce) {
        return baseUrl + "/files/" + mediaId + "/" + nonce;
    }

    private static void sendUnauthorized(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate",
                "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token.\"");
        sendJson(exchange, 401, GraphJson.invalidToken());
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        log.debug("Fake Graph API {} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI(), status);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
