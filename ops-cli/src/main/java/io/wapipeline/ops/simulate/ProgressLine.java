package io.wapipeline.ops.simulate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import io.wapipeline.traffic.report.Progress;

/**
 * The live progress line on stderr: rewritten in place with {@code \r} on a terminal, one line per second when stderr
 * goes to a file or a pipe (where carriage returns would pile up into one unreadable line).
 */
final class ProgressLine implements Consumer<Progress> {

    private final PrintWriter err;
    private final boolean terminal;
    private int lastLength;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Java 17 cannot ask about stderr alone; a console means stdin and stdout are a terminal, and stderr usually is. */
    static ProgressLine on(PrintWriter err) {
        return new ProgressLine(err, System.console() != null);
    }

    @Override
    public void accept(Progress progress) {
        String line = format(progress);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        }
        else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the line rewritten in place, so that what is printed next starts on a line of its own. */
    void finish() {
        if (terminal && lastLength > 0) {
            err.println();
            err.flush();
        }
    }

    static String format(Progress progress) {
        String outcomes = progress.outcomes().isEmpty() ? "no answers yet"
                : progress.outcomes().entrySet().stream().map(outcome -> outcome.getKey() + ": " + outcome.getValue())
                        .collect(Collectors.joining("  "));
        return String.format(Locale.ROOT, "%5ds  sent %d  %s  rate %.0f/s", progress.elapsed().toSeconds(),
                progress.sent(), outcomes, progress.currentRate());
    }
}
