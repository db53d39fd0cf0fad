package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;

/** How many bodies may arrive at once before their signatures are checked is bounded: one more is a 503 at once. */
@TestPropertySource(properties = { "whatsapp.ingest.max-unverified-bodies=5", "whatsapp.ingest.body-timeout=30s" })
class UnverifiedBodiesCapTest extends IngestIntegrationTest {

    private final List<Socket> sockets = new ArrayList<>();

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void oneBodyMoreThanTheCapIsRefusedAtOnceAndTheCapFreesAsBodiesEnd() throws Exception {
        for (int n = 0; n < 5; n++) {
            slowClient();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("whatsapp.webhook.unverified.bodies").gauge().value() == 5);

        Socket sixth = slowClient();
        assertThat(statusLine(sixth)).startsWith("HTTP/1.1 503");

        for (Socket socket : sockets) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("whatsapp.webhook.unverified.bodies").gauge().value() == 0);
        var valid = send(signedPost("{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertThat(valid.statusCode()).isEqualTo(200);
    }

    private Socket slowClient() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        sockets.add(socket);
        socket.getOutputStream().write(("POST /api/whatsapp/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hub-Signature-256: sha256=x\r\n"
                + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
