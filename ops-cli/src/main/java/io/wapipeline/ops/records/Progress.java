package io.wapipeline.ops.records;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/** A progress line on stderr at most once a second (or once per interval), so long work shows it is alive without flooding. */
public final class Progress {

    private final PrintWriter err;
    private final String verb;
    private final long intervalNanos;
    private long lastPrint = System.nanoTime();
    private String lastLine = "";

    public Progress(PrintWriter err, String verb) {
        this(err, verb, Duration.ofSeconds(1));
    }

    public Progress(PrintWriter err, String verb, Duration interval) {
        this.err = err;
        this.verb = verb;
        this.intervalNanos = interval.toNanos();
    }

    public void update(long selected) {
        update(() -> selected + " records selected so far");
    }

    /** Prints {@code verb: line}, unless a line was printed less than an interval ago; {@code line} is only asked then. */
    public void update(Supplier<String> line) {
        if (System.nanoTime() - lastPrint >= intervalNanos) {
            print(line.get());
        }
    }

    /**
     * Prints {@code verb: line} now, however recently the last line was printed, unless it is that very line: a final
     * line that an update has just printed would say nothing new.
     */
    public void print(String line) {
        lastPrint = System.nanoTime();
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        err.println(verb + ": " + line);
        err.flush();
    }
}
