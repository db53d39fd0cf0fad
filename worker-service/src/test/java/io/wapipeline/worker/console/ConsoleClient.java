package io.wapipeline.worker.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a screen: keeps the session cookie, follows no redirect, and reads CSRF tokens from forms. */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public ConsoleClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POSTs a form; with {@code csrfFrom} the token of the form on that page is added. */
    HttpResponse<String> post(String path, Map<String, String> form, String csrfFrom) {
        StringBuilder body = new StringBuilder(form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
        if (csrfFrom != null) {
            body.append(body.isEmpty() ? "" : "&").append("_csrf=").append(encode(csrfToken(csrfFrom)));
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Signs in through the sign-in form; the answer is the redirect that follows. */
    public HttpResponse<String> signIn(String name, String password) {
        return post("/console/login", Map.of("username", name, "password", password), "/console/login");
    }

    String csrfToken(String page) {
        Matcher matcher = CSRF.matcher(get(page).body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the form of " + page);
        }
        return matcher.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
