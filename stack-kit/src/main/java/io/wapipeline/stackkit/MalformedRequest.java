package io.wapipeline.stackkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Requests whose HTTP/1.1 framing is broken, as an attacker sends them on a raw socket: a chunk size that overflows or
 * is negative, thousands of trailer lines, a header over the server's limit, a request line that is not one. Each is
 * sent as a POST to a path with the headers given, and the whole answer is read back.
 */
public enum MalformedRequest {

    /** A chunk size of 72 bits: more than any length a server can hold. */
    OVERFLOWING_CHUNK_SIZE("chunked", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"),
    /** A negative chunk size. */
    NEGATIVE_CHUNK_SIZE("chunked", "-1\r\n{}\r\n0\r\n\r\n"),
    /** A one-byte body followed by 3,000 trailer lines. */
    THOUSANDS_OF_TRAILER_LINES("chunked", "1\r\n{\r\n0\r\n" + "X-Trailer: x\r\n".repeat(3_000) + "\r\n"),
    /** One header of 64 KiB, past every server's default limit. */
    OVERSIZED_HEADER(null, "{}"),
    /** A request line with a space in its target and no protocol after it. */
    BAD_REQUEST_LINE(null, "{}");

    private final String transferEncoding;
    private final String body;

    MalformedRequest(String transferEncoding, String body) {
        this.transferEncoding = transferEncoding;
        this.body = body;
    }

    /** What the server answered: the status line's code, the headers as sent, and the body. */
    public record Answer(int status, String headers, String body) {
    }

    /** Sends this request to {@code path} on 127.0.0.1:{@code port} with {@code headers} ("Name: value" lines). */
    public Answer send(int port, String path, String... headers) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request(path, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(this + " could not be sent", e);
        }
    }

    private String request(String path, String... headers) {
        String requestLine = this == BAD_REQUEST_LINE ? "POST " + path + " not a protocol\r\n" : "POST " + path + " HTTP/1.1\r\n";
        StringBuilder request = new StringBuilder(requestLine).append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (this == OVERSIZED_HEADER) {
            request.append("X-Padding: ").append("a".repeat(64 * 1024)).append("\r\n");
        }
        if (transferEncoding != null) {
            request.append("Transfer-Encoding: ").append(transferEncoding).append("\r\n");
        }
        else {
            request.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        return request.append("\r\n").append(body).toString();
    }

    /** Everything until the server closes the connection (or stops sending for the socket's timeout). */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0;) {
                all.write(buffer, 0, read);
            }
        }
        catch (SocketTimeoutException | java.net.SocketException stoppedOrReset) {
            // what arrived is the answer
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(-1, text, "");
        }
        String headers = text.substring(0, end);
        String body = text.substring(end + 4);
        if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunked(body);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), headers, body);
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return body.toString();
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
    }
}
