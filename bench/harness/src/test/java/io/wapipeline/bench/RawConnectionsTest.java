package io.wapipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile suite's attacker against a server that records what each connection sent and answers the first of
 * every three 408: connections hold their last byte back, drip, and are replaced when answered.
 */
class RawConnectionsTest {

    private final ServerSocket server = listen();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<AtomicInteger> bodyBytes = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor = new Thread(this::accept, "test-server");

    @AfterEach
    void stop() throws IOException, InterruptedException {
        server.close();
        acceptor.join(5_000);
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void keepsTheNumberOfConnectionsOpenWithTheLastByteHeldBackAndReplacesTheAnswered() throws Exception {
        acceptor.start();
        try (RawConnections attack = RawConnections.start(server.getLocalPort(), new RawConnections.Shape(100, 40, Duration.ofMillis(50)), 6, "test-attack")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> attack.answered("408") >= 2 && attack.open() == 6);

            assertThat(attack.opened()).isEqualTo(6 + attack.answered("408"));
            await().atMost(Duration.ofSeconds(60)).until(() -> bodyBytes.stream().anyMatch(bytes -> bytes.get() == 99));
            assertThat(bodyBytes).allMatch(bytes -> bytes.get() >= 40 && bytes.get() <= 99);
        }
    }

    @Test
    void refusedConnectionsAreCounted() throws Exception {
        int port = server.getLocalPort();
        server.close();
        try (RawConnections attack = RawConnections.start(port, new RawConnections.Shape(10, 1, Duration.ZERO), 3, "test-refused")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> attack.refused() > 0);
            assertThat(attack.open()).isZero();
        }
    }

    @Test
    void aThreadDumpOfThisProcessFindsItsThreads() {
        ThreadDump dump = ThreadDump.of(ProcessHandle.current().pid());

        assertThat(dump.threads()).anyMatch(block -> block.startsWith("\"main\""));
        assertThat(dump.containerThreads()).isZero();
    }

    /** Reads each connection's headers, then its body bytes as they come; every third connection is answered 408. */
    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                int number = connections.incrementAndGet();
                Thread reader = new Thread(() -> read(socket, number % 3 == 1), "test-connection-" + number);
                reader.setDaemon(true);
                reader.start();
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket socket, boolean answer) {
        try (socket) {
            InputStream in = socket.getInputStream();
            StringBuilder headers = new StringBuilder();
            while (!headers.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                headers.append((char) c);
            }
            assertThat(headers.toString()).contains("Content-Length: 100").contains("X-Hub-Signature-256: sha256=x");
            if (answer) {
                socket.getOutputStream().write("HTTP/1.1 408 \r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            AtomicInteger bytes = new AtomicInteger();
            while (in.read() >= 0) {
                if (bytes.incrementAndGet() == 1) {
                    bodyBytes.add(bytes);
                }
            }
        }
        catch (IOException closedByTheAttacker) {
            // the attack ended
        }
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
