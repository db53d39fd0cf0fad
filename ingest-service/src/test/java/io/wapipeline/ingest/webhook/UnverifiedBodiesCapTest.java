package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;

/** How many bodies may arrive at once before their signatures are checked is bounded: one more is a 503 at once. */
@TestPropertySource(properties = { "whatsapp.ingest.max-unverified-bodies=5", "whatsapp.ingest.body-timeout=30s" })
class UnverifiedBodiesCapTest extends IngestIntegrationTest {

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
    void oneBodyMoreThanTheCapIsRefusedAtOnceAndTheCapFreesAsBodiesEnd() throws Exception {
        for (int n = 0; n < 5; n++) {
            clients.open(1000, "{".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("whatsapp.webhook.unverified.bodies").gauge().value() == 5);

        Socket sixth = clients.open(1000, "{".getBytes(StandardCharsets.US_ASCII));
        assertThat(SlowClients.statusLine(sixth)).startsWith("HTTP/1.1 503");

        clients.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> meters.get("whatsapp.webhook.unverified.bodies").gauge().value() == 0);
        var valid = send(signedPost("{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(valid.statusCode()).isEqualTo(200);
    }
}
