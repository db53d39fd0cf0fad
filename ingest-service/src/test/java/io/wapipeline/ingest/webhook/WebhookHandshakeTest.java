package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;

@ExtendWith(OutputCaptureExtension.class)
class WebhookHandshakeTest extends IngestIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/webhook/", "/api/whatsapp/webhook" })
    void rightTokenEchoesTheChallengeUnchanged(String path, CapturedOutput output) {
        double before = handshakes("handshake_ok");

        HttpResponse<String> response = get(path + "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + VERIFY_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("1158201444");
        assertThat(output).contains("Webhook verified successfully");
        assertThat(handshakes("handshake_ok")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/webhook/", "/api/whatsapp/webhook" })
    void wrongTokenIsForbidden(String path) {
        double before = handshakes("handshake_failed");

        HttpResponse<String> response = get(path + "?hub.mode=subscribe&hub.challenge=42&hub.verify_token=not-the-token");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":403").contains("\"detail\":\"verify token does not match\"")
                .contains("\"instance\":\"" + path + "\"").doesNotContain("42");
        assertThat(handshakes("handshake_failed")).isEqualTo(before + 1);
    }

    @Test
    void modeOtherThanSubscribeIsForbidden() {
        HttpResponse<String> response = get("/api/whatsapp/webhook/?hub.mode=unsubscribe&hub.challenge=42&hub.verify_token=" + VERIFY_TOKEN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).as("the reason is the mode, not the (right) token")
                .contains("\"detail\":\"hub.mode is not subscribe\"").doesNotContain("verify token");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/webhook/", "/api/whatsapp/webhook",
            "/api/whatsapp/webhook/?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN,
            "/api/whatsapp/webhook?hub.challenge=1&hub.verify_token=" + VERIFY_TOKEN,
            "/api/whatsapp/webhook/?hub.mode=subscribe&hub.challenge=1" })
    void missingParametersAreABadRequest(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"status\":400").contains("is missing");
    }

    @Test
    void challengeWithSpecialCharactersIsEchoedUnchanged() {
        HttpResponse<String> response = get("/api/whatsapp/webhook?hub.mode=subscribe&hub.challenge=a%2Bb%20c_%C3%A9&hub.verify_token=" + VERIFY_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a+b c_é");
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    private double handshakes(String outcome) {
        return meters.get("whatsapp.webhook.requests").tag("outcome", outcome).counter().count();
    }
}
