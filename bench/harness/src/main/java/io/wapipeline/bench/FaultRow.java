package io.wapipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One fault's line of the table. The bar: nothing a 200 promised is missing, nothing is kept twice, and the pipeline
 * recovered.
 *
 * @param sent        POSTs sent, every copy counted
 * @param ok          answered 200
 * @param unavailable answered 503
 * @param other       any other answer, or none (refused, reset, timed out)
 * @param missing     items promised by a 200 and not kept, plus messages whose current status is below an acknowledged one
 * @param doubled     rows (or dead letters) beyond one per item, plus how far the conversations' counts are off
 * @param recovery    from the fault's end to lag 0 with everything acknowledged kept; empty if that did not happen
 * @param notes       what the figures are made of, and anything that went wrong
 */
record FaultRow(String fault, long sent, long ok, long unavailable, long other, long missing, long doubled,
        Optional<Duration> recovery, String notes) {

    static final List<String> COLUMNS = List.of("fault", "sent", "200", "503", "other", "200'd, not stored",
            "stored twice", "recovered after", "notes", "");

    /** A fault that failed before it could be measured; the suite stops there. */
    static FaultRow couldNotRun(String fault, Exception failure) {
        return new FaultRow(fault, 0, 0, 0, 0, 0, 0, Optional.empty(), "could not be run: " + failure);
    }

    static FaultRow notRun(String fault) {
        return new FaultRow(fault, 0, 0, 0, 0, 0, 0, Optional.empty(), "not run: an earlier fault could not be run");
    }

    boolean heldTheBar() {
        return missing == 0 && doubled == 0 && recovery.isPresent();
    }

    List<String> cells() {
        return List.of(fault, "%,d".formatted(sent), "%,d".formatted(ok), "%,d".formatted(unavailable), "%,d".formatted(other),
                "%,d".formatted(missing), "%,d".formatted(doubled),
                recovery.map(time -> "%.1f s".formatted(time.toMillis() / 1000.0)).orElse("not recovered"), notes,
                heldTheBar() ? "held" : "**FAILED**");
    }
}
