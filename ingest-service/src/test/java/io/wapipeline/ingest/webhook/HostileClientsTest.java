package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;

/**
 * Anyone can open connections to the webhook URL; only Meta can sign. Clients that send a signature-shaped header
 * and then their body a byte now and then hold no thread and no more than their bytes, get 408 at the body deadline,
 * and signed webhooks keep being answered meanwhile; bodies that would go over the unauthenticated buffer are
 * refused at once, and valid traffic continues.
 */
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
}
