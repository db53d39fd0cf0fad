package io.wapipeline.ops.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.wapipeline.ops.Failures;
import io.wapipeline.model.signature.WebhookSigner;

/**
 * The public webhook URL as Meta calls it: HTTPS, the GET handshake with the verify token, and a signed POST. The POST
 * is a harmless change of field {@code wa_ops_doctor}, stored by the worker as an event like any unknown field.
 */
final class WebhookChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI url;
    private final String verifyToken;
    private final String appSecret;

    WebhookChecks(URI url, String verifyToken, String appSecret) {
        this.url = url;
        this.verifyToken = verifyToken;
        this.appSecret = appSecret;
    }

    List<Check> checks() {
        return List.of(new Named("webhook URL answers the handshake", this::handshake),
                new Named("signed test POST accepted", this::signedPost));
    }

    private Check.Result handshake() {
        if (!"https".equals(url.getScheme()) && !isLoopback()) {
            return Check.Result.fail(url + " is not HTTPS", "Meta calls only HTTPS URLs with a valid certificate: put the ingest "
                    + "behind TLS (a load balancer, a reverse proxy, or a tunnel) and give Meta that URL");
        }
        if (verifyToken.isBlank()) {
            return Check.Result.fail("WHATSAPP_WEBHOOK_VERIFY_TOKEN is not set here", "set it to the ingest's verify token");
        }
        String challenge = UUID.randomUUID().toString();
        URI handshake = URI.create(url + "?hub.mode=subscribe&hub.verify_token="
                + URLEncoder.encode(verifyToken, StandardCharsets.UTF_8) + "&hub.challenge=" + challenge);
        return send(HttpRequest.newBuilder(handshake).GET(), (status, body) -> {
            if (status == 200 && body.equals(challenge)) {
                return Check.Result.pass("200 with the challenge echoed" + (isLoopback() ? " (plain HTTP allowed on loopback only)" : ""));
            }
            if (status == 403) {
                return Check.Result.fail("403: the ingest refused the verify token", "WHATSAPP_WEBHOOK_VERIFY_TOKEN here differs "
                        + "from the ingest's: set the same value in the ingest, here, and in Meta's webhook configuration");
            }
            return Check.Result.fail(status + ": " + abbreviate(body), "the URL must reach the ingest's /api/whatsapp/webhook; "
                    + "check the path and what the proxy in front of it forwards");
        });
    }

    private Check.Result signedPost() {
        if (appSecret.isBlank()) {
            return Check.Result.fail("WHATSAPP_APP_SECRET is not set here, so nothing can be signed", "set it to the ingest's app secret");
        }
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"0\",\"time\":" + Instant.now().getEpochSecond()
                + ",\"changes\":[{\"field\":\"wa_ops_doctor\",\"value\":{\"check\":\"signed POST\",\"sent_at\":\""
                + Instant.now() + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", new WebhookSigner(appSecret).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request, (status, answer) -> switch (status) {
            case 200 -> Check.Result.pass("200: signature verified and the record acknowledged by Kafka");
            case 401, 403 -> Check.Result.fail(status + ": " + abbreviate(answer), "the ingest computes another signature: "
                    + "WHATSAPP_APP_SECRET must be the app secret of the app Meta sends from (App settings > Basic), the "
                    + "same here and in the ingest; a proxy must pass the body unchanged");
            case 503 -> Check.Result.fail("503: the ingest could not hand the record to Kafka", "check the ingest's "
                    + "/actuator/health and its KAFKA_BOOTSTRAP_SERVERS");
            default -> Check.Result.fail(status + ": " + abbreviate(answer), "see the ingest's log for this request");
        });
    }

    private Check.Result send(HttpRequest.Builder request, Verdict verdict) {
        try {
            HttpResponse<String> response = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return verdict.of(response.statusCode(), response.body());
        }
        catch (IOException unreachable) {
            return Check.Result.fail("no answer from " + url + ": " + Failures.rootMessage(unreachable),
                    "is the ingest running, and does this URL reach it (DNS, tunnel, proxy, firewall)?");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.Result.fail("interrupted", "run the doctor again");
        }
    }

    private boolean isLoopback() {
        String host = url.getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }

    private interface Verdict {
        Check.Result of(int status, String body);
    }

    /** A check made of a name and a method. */
    record Named(String name, java.util.function.Supplier<Check.Result> body) implements Check {

        @Override
        public Result run() {
            return body.get();
        }
    }
}
