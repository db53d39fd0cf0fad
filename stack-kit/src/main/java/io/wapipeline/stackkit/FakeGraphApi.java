package io.wapipeline.stackkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A local fake of Meta's Graph API media endpoints over HTTPS on 127.0.0.1: the media-id lookup
 * ({@code GET /{version}/{media-id}}, any version such as {@code v24.0}) and the file download at the URL it returns
 * ({@code GET /files/{media-id}/{nonce}}), both behind one bearer token. Tests add media, script faults per media id
 * and read counters; clients trust it through {@link #clientSslContext()} or {@link #TRUSTSTORE_CLASSPATH}.
 *
 * <p>A file request is answered, in this order: 401 without the accepted token; 404 for an unknown media id or a URL
 * no lookup issued; 404 for a URL scripted to expire; the next scripted failure status; else 200 with the bytes.
 * Announced hashes and URLs hold until {@link #reset()}; failures and expiries are used up one request or URL each.
 */
public final class FakeGraphApi implements AutoCloseable {

    public static final String TRUSTSTORE_CLASSPATH = "fake-graph/fake-graph-trust.p12";
    public static final String TRUSTSTORE_PASSWORD = "changeit";

    private static final int WORKER_THREADS = 4;

    private final Map<String, FakeMedia> media = new ConcurrentHashMap<>();
    private final ExecutorService workers = workers();
    private final HttpsServer server;
    private final String baseUrl;
    private volatile String acceptedToken;
    private volatile boolean servingSamples;

    private FakeGraphApi(String acceptedToken) {
        this.acceptedToken = Objects.requireNonNull(acceptedToken, "acceptedToken");
        this.server = listenOnLoopback();
        this.baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", new FakeGraphHandler(baseUrl, () -> this.acceptedToken, this::media));
        server.setExecutor(workers);
    }

    /** A running fake that accepts {@code Authorization: Bearer <acceptedToken>}. */
    public static FakeGraphApi start(String acceptedToken) {
        FakeGraphApi api = new FakeGraphApi(acceptedToken);
        api.server.start();
        return api;
    }

    /** An SSLContext that trusts only the fake's certificate, for clients that call it directly. */
    public static SSLContext clientSslContext() {
        return FakeGraphTls.clientContext();
    }

    /** {@code https://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** From now on only {@code Bearer <token>} is accepted; anything else gets 401 with OAuth error 190. */
    public void acceptToken(String token) {
        acceptedToken = Objects.requireNonNull(token, "token");
    }

    /** Makes {@code mediaId} known to the lookup, serving a copy of {@code content} as {@code mimeType}. */
    public void addMedia(String mediaId, byte[] content, String mimeType) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mimeType, "mimeType");
        media(mediaId).store(content, mimeType);
    }

    /**
     * From now on a media id nobody added is served too, as a small generated text file, so that any webhook (e.g. from
     * {@code wa-ops simulate}) gets its media downloaded. Used by the local stack, not by tests of download faults.
     */
    public void serveSamplesForUnknownIds() {
        servingSamples = true;
    }

    /** The next file requests for {@code mediaId} are answered with these statuses, in order, then normally. */
    public void failFileDownloads(String mediaId, int... statuses) {
        for (int status : statuses) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a scripted failure needs a 4xx or 5xx status, not " + status);
            }
        }
        media(mediaId).failNextFileDownloads(statuses);
    }

    /** The next file URL a lookup issues for {@code mediaId} is answered 404 (for good); later URLs work. */
    public void expireUrlOnce(String mediaId) {
        media(mediaId).expireNextUrl();
    }

    /** Lookups report {@code hexSha256} instead of the true hash, to fake a mismatch. */
    public void announceHash(String mediaId, String hexSha256) {
        media(mediaId).announceHash(Objects.requireNonNull(hexSha256, "hexSha256"));
    }

    /** Lookups return {@code url} instead of a URL on this fake, e.g. {@code https://169.254.169.254/x}. */
    public void announceUrl(String mediaId, String url) {
        media(mediaId).announceUrl(Objects.requireNonNull(url, "url"));
    }

    /** Every lookup request naming {@code mediaId}, whatever it was answered. */
    public int lookups(String mediaId) {
        return media(mediaId).lookups();
    }

    /** Every file request naming {@code mediaId}, including those answered 401, 404 or a scripted failure. */
    public int fileDownloads(String mediaId) {
        return media(mediaId).fileDownloads();
    }

    /** File requests for {@code mediaId} answered 200 with the bytes. */
    public int successfulFileDownloads(String mediaId) {
        return media(mediaId).successfulFileDownloads();
    }

    /** Forgets all media, scripted faults, issued URLs and counters; the accepted token stays. */
    public void reset() {
        media.clear();
    }

    /** Stops at once, without waiting for exchanges in progress. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private FakeMedia media(String mediaId) {
        Objects.requireNonNull(mediaId, "mediaId");
        if (mediaId.isBlank() || mediaId.contains("/")) {
            throw new IllegalArgumentException("a media id must be one non-blank path segment, not '" + mediaId + "'");
        }
        return media.computeIfAbsent(mediaId, this::newMedia);
    }

    private FakeMedia newMedia(String mediaId) {
        FakeMedia created = new FakeMedia();
        if (servingSamples) {
            created.store(("Sample media " + mediaId + ", served by the local stack's fake Graph API.\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
        }
        return created;
    }

    private static HttpsServer listenOnLoopback() {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(FakeGraphTls.serverContext()));
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1", e);
        }
    }

    private static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(WORKER_THREADS, task -> {
            Thread thread = new Thread(task, "fake-graph-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
