package io.wapipeline.ops.records;

import java.io.PrintWriter;

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
        long now = System.nanoTime();
        if (now - lastPrint >= 1_000_000_000L) {
            lastPrint = now;
            err.printf("%s: %d records selected so far%n", verb, selected);
            err.flush();
        }
    }
}
