package io.wapipeline.traffic.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.wapipeline.traffic.compose.Post;

/**
 * {@code --answers FILE}: every POST's outcome as one line, written as it arrives, so that a fault suite or an audit
 * can tell which message ids were acknowledged and which were not. Tab-separated: the time in epoch milliseconds, the
 * status code (or {@code error:} and the kind, when no answer came), the inbound message ids, and the ids of the
 * business's messages whose statuses it carried, each list comma-separated. Written by the HTTP client's threads.
 */
public final class AnswerLog implements AutoCloseable {

    /** No file: nothing is written. */
    public static final AnswerLog NONE = new AnswerLog(null);

    private final BufferedWriter writer;

    private AnswerLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /** A new (or emptied) file. */
    public static AnswerLog to(Path file) {
        try {
            return new AnswerLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot write the answers file (--answers) " + file + ": " + e.getMessage(), e);
        }
    }

    public void answered(Post post, int status) {
        write(post, Integer.toString(status));
    }

    public void failed(Post post, String kind) {
        write(post, "error:" + kind);
    }

    /** Flushed line by line: a reader sees each answer as soon as it came, and a stopped run loses none. */
    private void write(Post post, String outcome) {
        if (writer == null) {
            return;
        }
        String line = System.currentTimeMillis() + "\t" + outcome + "\t" + String.join(",", post.inboundIds()) + "\t"
                + String.join(",", post.outboundIds()) + "\n";
        synchronized (writer) {
            try {
                writer.write(line);
                writer.flush();
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not write to the answers file", e);
            }
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not close the answers file", e);
            }
        }
    }
}
