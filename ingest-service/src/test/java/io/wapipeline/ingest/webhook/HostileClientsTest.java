package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
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
@TestPropertySource(properties = { "whatsapp.ingest.body-timeout=3s", "whatsapp.ingest.unauthenticated-buffer=1MB",
        "whatsapp.ingest.max-body-size=900KB" })
class HostileClientsTest extends IngestIntegrationTest {

    private static final int SLOW_CLIENTS = 250;

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
    void slowClientsHoldNoThreadAndAreAnswered408WhileSignedWebhooksAreAnswered200() throws Exception {
        for (int n = 0; n < SLOW_CLIENTS; n++) {
            slowClient(1_000, "{".getBytes(StandardCharsets.US_ASCII));
        }

        for (int n = 0; n < 20; n++) {
            long started = System.nanoTime();
            var response = send(signedPost(body("under-slowloris-" + n)));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        for (Socket socket : sockets.subList(0, 10)) {
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void bodiesBeyondTheUnauthenticatedBufferAreRefusedAtOnceAndValidTrafficContinues() throws Exception {
        double refusedBefore = meters.get("whatsapp.webhook.requests").tag("outcome", "buffer_full").counter().count();
        byte[] part = new byte[400 * 1024];
        Arrays.fill(part, (byte) ' ');
        slowClient(900_000, part);
        slowClient(900_000, part);
        await().atMost(Duration.ofSeconds(2)).until(() -> meters.get("whatsapp.webhook.unauthenticated").gauge().value() >= 2 * part.length);
        Socket third = slowClient(900_000, part);

        assertThat(statusLine(third)).startsWith("HTTP/1.1 503");
        var valid = send(signedPost(body("beside-the-buffer-attack")));
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(meters.get("whatsapp.webhook.requests").tag("outcome", "buffer_full").counter().count())
                .isEqualTo(refusedBefore + 1);
    }

    /** Headers with a signature-shaped header and a large Content-Length, then these bytes of the body, then nothing. */
    private Socket slowClient(int contentLength, byte[] firstBytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/whatsapp/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Hub-Signature-256: sha256=x\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(firstBytes);
        out.flush();
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

    private static byte[] body(String marker) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + marker + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
