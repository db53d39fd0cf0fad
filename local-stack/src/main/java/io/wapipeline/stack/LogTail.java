package io.wapipeline.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The last lines of a child's log, to show why it stopped without sending anyone to find the file. */
final class LogTail {

    /** Enough for Boot's "APPLICATION FAILED TO START" report, read from the end of a log that may be long. */
    private static final int LAST_BYTES = 16 * 1024;

    private LogTail() {
    }

    /** The last {@code count} non-blank lines, each on a line of its own and indented; empty when there are none. */
    static String of(Path log, int count) {
        List<String> lines = readEnd(log).lines().filter(line -> !line.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
                .map(line -> "\n    " + line).collect(Collectors.joining());
    }

    private static String readEnd(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - LAST_BYTES);
            byte[] end = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(end);
            return new String(end, StandardCharsets.UTF_8);
        }
        catch (IOException unreadable) {
            return "";
        }
    }
}
