package io.wapipeline.ingest.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw connections to the webhook endpoint that behave as an attacker would: headers with a signature-shaped header and
 * a large Content-Length, some bytes of the body, then nothing. Closed all at once by {@link #close()}.
 */
final class SlowClients implements AutoCloseable {

    private final int port;
    private final List<Socket> sockets = new ArrayList<>();

    SlowClients(int port) {
        this.port = port;
    }

    Socket open(int contentLength, byte[] firstBytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(120).toMillis());
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/whatsapp/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Hub-Signature-256: sha256=x\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(firstBytes);
        out.flush();
        return socket;
    }

    List<Socket> opened() {
        return sockets;
    }

    /** True while the server has neither answered nor closed the connection. */
    static boolean unanswered(Socket socket) {
        try {
            return socket.getInputStream().available() == 0 && !socket.isInputShutdown();
        }
        catch (IOException closed) {
            return false;
        }
    }

    /** The first line of the answer, such as {@code HTTP/1.1 408}. */
    static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
