package io.wapipeline.ingest.webhook;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/** Reads a request body as raw bytes, never more than a limit. */
final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * The body exactly as received, or null when it is larger than {@code limit} bytes. A refused body is read
     * and dropped up to twice the limit first, so that a client that writes its whole body before reading gets
     * the 413 instead of a connection reset; beyond that the connection is closed.
     */
    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > limit) {
                drain(in, 2 * limit);
                return null;
            }
            byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (body.length > limit) {
                drain(in, limit);
                return null;
            }
            return body;
        }
    }

    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = atMost;
        int read;
        while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= read;
        }
    }
}
