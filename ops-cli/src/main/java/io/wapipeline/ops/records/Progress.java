package io.wapipeline.ops.records;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** A progress line on stderr at most once a second, so long reads show they are alive without flooding. */
public final class Progress {

    private final PrintWriter err;
    private final String verb;
    private long lastPrint = System.nanoTime();

    public Progress(PrintWriter err, String verb) {
        this.err = err;
        this.verb = verb;
    }

    public void update(long selected) {
        update(() -> selected + " records selected so far");
    }

    /** Prints {@code verb: line}, unless a line was printed less than a second ago; {@code line} is only asked then. */
    public void update(Supplier<String> line) {
        long now = System.nanoTime();
        if (now - lastPrint >= 1_000_000_000L) {
            lastPrint = now;
            err.println(verb + ": " + line.get());
            err.flush();
        }
    }
}
