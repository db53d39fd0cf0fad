package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;
import io.wapipeline.stackkit.MalformedRequest;

/**
 * Anyone can open connections to the webhook URL; only Meta can sign. Clients that send a signature-shaped header
 * and then their body a byte now and then hold no thread and no more than their bytes, get 408 at the body deadline,
 * and signed webhooks keep being answered meanwhile; bodies that would go over the unauthenticated buffer are
 * refused at once, and valid traffic continues. A flood of badly signed POSTs costs a line a minute in the log, not a
 * line each; a request whose HTTP framing is broken is a counted 400 in the problem body; the handshake's echo is
 * never sniffed as HTML.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "whatsapp.ingest.body-timeout=20s", "whatsapp.ingest.unauthenticated-buffer=1MB",
        "whatsapp.ingest.max-body-size=700KB" })
class HostileClientsTest extends IngestIntegrationTest {

    private static final int SLOW_CLIENTS = 250;

    private SlowClients clients;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void slowClients() {
        clients = new SlowClients(port);
    }

    @AfterEach
    void closeSlowClients() throws IOException {
        clients.close();
    }

    @Test
    void slowClientsHoldNoThreadAndAreAnswered408WhileSignedWebhooksAreAnswered200() throws Exception {
        for (int n = 0; n < SLOW_CLIENTS; n++) {
            clients.open(1_000, "{".getBytes(StandardCharsets.US_ASCII));
        }

        for (int n = 0; n < 20; n++) {
            assertThat(send(signedPost(body("under-slowloris-" + n))).statusCode()).isEqualTo(200);
        }
        // Answered while every slow client still waits for its deadline: none of them held a thread the webhooks needed.
        assertThat(clients.opened()).allSatisfy(socket -> assertThat(SlowClients.unanswered(socket)).isTrue());
        for (Socket socket : clients.opened().subList(0, 10)) {
            assertThat(SlowClients.statusLine(socket)).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void largeBodiesBeyondThreeQuartersOfTheBufferAreRefusedAtOnceAndSmallValidBodiesKeepTheRest() throws Exception {
        double refusedBefore = meters.get("whatsapp.webhook.requests").tag("outcome", "buffer_full").counter().count();
        // Each held body's buffer grows to 128 KiB (it doubles); growing the sixth to it would need 5 x 128 + 64 + 128
        // KiB: within the 1 MiB buffer, but over the three quarters of it that large bodies may share.
        byte[] part = new byte[100_000];
        Arrays.fill(part, (byte) ' ');
        for (int n = 0; n < 5; n++) {
            clients.open(600_000, part);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("whatsapp.webhook.unauthenticated").gauge().value() >= 5 * 131_072);
        Socket sixth = clients.open(600_000, part);

        assertThat(SlowClients.statusLine(sixth)).startsWith("HTTP/1.1 503");
        var valid = send(signedPost(body("beside-the-buffer-attack")));
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(meters.get("whatsapp.webhook.requests").tag("outcome", "buffer_full").counter().count())
                .isEqualTo(refusedBefore + 1);
    }

    private static byte[] body(String marker) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + marker + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aThousandBadlySignedPostsAddAtMostAFewLogLines(CapturedOutput output) {
        double refusedBefore = meters.get("whatsapp.webhook.requests").tag("outcome", "signature_invalid").counter().count();
        int linesBefore = ownLogLines(output);

        for (int n = 0; n < 1_000; n++) {
            byte[] body = body("badly-signed-" + n);
            HttpResponse<String> answer = send(post(body).header("X-Hub-Signature-256", "sha256=" + "0".repeat(64)));
            assertThat(answer.statusCode()).isEqualTo(403);
        }

        assertThat(ownLogLines(output) - linesBefore).as("the ingest's own log lines for 1,000 refusals").isLessThanOrEqualTo(2);
        assertThat(meters.get("whatsapp.webhook.requests").tag("outcome", "signature_invalid").counter().count())
                .as("every refusal counted").isEqualTo(refusedBefore + 1_000);
    }

    /** Lines logged by this project's own classes (Spring Boot's pattern abbreviates them to {@code i.w.}). */
    private static int ownLogLines(CapturedOutput output) {
        return (int) output.getAll().lines().filter(line -> line.contains(" i.w.")).count();
    }

    @ParameterizedTest
    @EnumSource(MalformedRequest.class)
    void malformedFramingIsAnswered400WithTheProblemBodyAndCounted(MalformedRequest request) {
        double before = malformed();

        MalformedRequest.Answer answer = request.send(port, "/api/whatsapp/webhook/", "Content-Type: application/json",
                "X-Hub-Signature-256: sha256=" + "0".repeat(64));

        assertThat(answer.status()).as(answer.headers()).isEqualTo(400);
        assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/problem+json")
                .doesNotContainIgnoringCase("Server:");
        assertThat(answer.body()).contains("\"status\":400").contains("\"title\":\"Bad Request\"")
                .contains("\"detail\":\"the request is not valid HTTP/1.1").doesNotContain("Exception").doesNotContain("Tomcat");
        assertThat(malformed()).isEqualTo(before + 1);
    }

    private double malformed() {
        return meters.find("http.requests.malformed").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void theHandshakeEchoIsNeverSniffedAsAnotherType() {
        HttpResponse<String> answer = send(java.net.http.HttpRequest.newBuilder(uri("/api/whatsapp/webhook/?hub.mode=subscribe"
                + "&hub.challenge=%3Cscript%3Ealert(1)%3C%2Fscript%3E&hub.verify_token=" + VERIFY_TOKEN)).GET());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("<script>alert(1)</script>");
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }
}
