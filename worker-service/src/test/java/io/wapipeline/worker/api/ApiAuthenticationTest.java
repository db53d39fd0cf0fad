package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.micrometer.core.instrument.MeterRegistry;

@ExtendWith(OutputCaptureExtension.class)
class ApiAuthenticationTest extends ApiIntegrationTest {

    private static final String MISSING = "Authorization: Bearer <token> is missing";
    private static final String WRONG = "the bearer token is not valid";

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/messages/", "/api/whatsapp/messages", "/api/whatsapp/messages/wamid.X",
            "/api/whatsapp/conversations/", "/api/whatsapp/conversations/5511/messages/", "/api/no-such-endpoint" })
    void requestWithoutTokenIsRefusedWithABearerChallenge(String path) {
        HttpResponse<String> response = get(path, null);

        assertUnauthorized(response, MISSING);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(response.body()).as("the path as instance, as every problem answer has it").contains("\"instance\":\"" + path + "\"");
    }

    @Test
    void wrongTokenIsRefusedAndNeverLogged(CapturedOutput output) {
        HttpResponse<String> response = get("/api/whatsapp/messages/", "Bearer not-the-api-token-xyzzy");

        assertUnauthorized(response, WRONG);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        // The refusal's line is written at most once a minute (anyone can cause it); the token is never in it.
        assertThat(output).doesNotContain("not-the-api-token-xyzzy");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer api-token-for-test", "Bearer api-token-for-testss", "Bearer second-token,api-token-for-tests" })
    void tokenThatIsNearlyRightIsRefused(String authorization) {
        assertUnauthorized(get("/api/whatsapp/messages/", authorization), WRONG);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Basic YXBpOmFwaQ==", "api-token-for-tests", "Bearer ", "Bearer" })
    void headerWithoutABearerTokenCountsAsMissing(String authorization) {
        assertUnauthorized(get("/api/whatsapp/messages/", authorization), MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer " + API_TOKEN, "Bearer second-token", "bearer " + API_TOKEN, "BEARER second-token" })
    void everyConfiguredTokenIsAcceptedWhateverTheCaseOfTheScheme(String authorization) {
        HttpResponse<String> response = get("/api/whatsapp/messages/?limit=1", authorization);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void refusalsAreCountedByReason() {
        double missingBefore = refusals("missing");
        double wrongBefore = refusals("wrong");

        get("/api/whatsapp/messages/", null);
        get("/api/whatsapp/conversations/", "Bearer wrong");
        get("/api/whatsapp/conversations/", "Bearer still-wrong");
        get("/api/whatsapp/messages/", "Bearer " + API_TOKEN);

        assertThat(refusals("missing")).isEqualTo(missingBefore + 1);
        assertThat(refusals("wrong")).isEqualTo(wrongBefore + 2);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        HttpResponse<String> health = get("/actuator/health", null);
        HttpResponse<String> prometheus = get("/actuator/prometheus", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("whatsapp_api_requests_unauthorized_total");
    }

    private double refusals(String reason) {
        return meters.get("whatsapp.api.requests.unauthorized").tag("reason", reason).counter().count();
    }

    private static void assertUnauthorized(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        Map<String, Object> problem = json(response);
        assertThat(problem).containsEntry("status", 401)
                .containsEntry("title", "Unauthorized")
                .containsEntry("detail", reason)
                .containsKey("requestId");
        assertThat(problem.get("requestId")).asString().isNotBlank();
    }
}
