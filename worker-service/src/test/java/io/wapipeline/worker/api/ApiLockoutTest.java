package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * The read API from an attacker's side: token guessing locks the client's address (429 with Retry-After, the right
 * token refused too until the lock is over), a flood of token-less calls costs a log line a minute, not a line each,
 * and no answer may be cached.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "whatsapp.lockout.duration=2s", "whatsapp.lockout.max-duration=2s",
        "whatsapp.lockout.failures-per-address=20" })
class ApiLockoutTest extends WorkerIntegrationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry meters;

    @Test
    void wrongTokensLockTheAddressAndTheRightTokenWorksOnceTheLockIsOver() {
        for (int n = 0; n < 20; n++) {
            assertThat(get("/api/whatsapp/messages/", "guess-" + n).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = get("/api/whatsapp/messages/", API_TOKEN);

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
        assertThat(locked.body()).contains("\"status\":429").contains("too many wrong bearer tokens");
        assertThat(meters.get("whatsapp.lockouts").tag("limit", "api_address").counter().count()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> get("/api/whatsapp/messages/", API_TOKEN).statusCode() == 200);
    }

    @Test
    void aThousandTokenlessCallsAddAtMostAFewLogLines(CapturedOutput output) {
        String path = "/api/whatsapp/messages/flood-" + UUID.randomUUID();
        double refusedBefore = meters.get("whatsapp.api.requests.unauthorized").tag("reason", "missing").counter().count();

        for (int n = 0; n < 1_000; n++) {
            assertThat(get(path, null).statusCode()).isEqualTo(401);
        }

        assertThat(output.getAll().lines().filter(line -> line.contains("refused with 401")).count())
                .as("log lines for 1,000 token-less calls").isLessThanOrEqualTo(1);
        assertThat(meters.get("whatsapp.api.requests.unauthorized").tag("reason", "missing").counter().count())
                .as("every refusal counted").isEqualTo(refusedBefore + 1_000);
    }

    @Test
    void noAnswerOfTheApiMayBeStored() {
        assertThat(get("/api/whatsapp/messages/", API_TOKEN).headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/api/whatsapp/conversations/", API_TOKEN).headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(get("/api/whatsapp/messages/", null).headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
