package io.wapipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wapipeline.traffic.compose.SignedBody;

/**
 * The hostile suite's HTTP client for the services' ordinary requests: keeps cookies (the console's session), follows
 * no redirect, and gives up on an answer after 10 s.
 */
final class ServiceHttp {

    static final String WEBHOOK_PATH = "/api/whatsapp/webhook";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

    /** A GET of {@code url} with {@code headers} (name, value, name, value, …). */
    HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int n = 0; n + 1 < headers.length; n += 2) {
            request.header(headers[n], headers[n + 1]);
        }
        return send(request);
    }

    /** A POST of a form ({@code application/x-www-form-urlencoded}, already encoded). */
    HttpResponse<String> postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A POST of a webhook body to the ingest with this {@code X-Hub-Signature-256} value. */
    HttpResponse<String> postWebhook(String ingestUrl, byte[] body, String signature) {
        return send(HttpRequest.newBuilder(URI.create(ingestUrl + WEBHOOK_PATH)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The status of one signed POST of {@code body}, or -1 when it was not answered within 2 s. */
    int signedPost(String ingestUrl, SignedBody body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(ingestUrl + WEBHOOK_PATH)).timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", body.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
        catch (IOException notYet) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * One meter's value from a service's Prometheus page: its first series, or the first whose labels contain
     * {@code label} (such as {@code problem="mismatch"}); NaN when there is none.
     */
    double metric(String serviceUrl, String name, String label) {
        String page = get(serviceUrl + "/actuator/prometheus").body();
        String labels = label.isEmpty() ? "(?:\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(label) + "[^}]*}";
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + labels + " ([0-9.eE+-]+)$").matcher(page);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("no answer from " + request.build().uri(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
