package io.wapipeline.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * How long the pipeline takes to work again after a fault: from the fault's end until the worker group's lag is 0
 * and every item a 200 has promised so far is kept; while load still runs, the ingest must also have answered 200
 * again since the fault's end. The answers are read before the lag, so a lag of 0 covers every one of them.
 */
final class Recovery {

    private static final long POLL_MILLIS = 100;

    private final AnswerTally answers;
    private final Ledger ledger;
    private final Set<Item> unconfirmed;

    private Recovery(AnswerTally answers, Ledger ledger) {
        this.answers = answers;
        this.ledger = ledger;
        this.unconfirmed = new HashSet<>(answers.promised());
    }

    /** The time to recover, or empty when the pipeline has not recovered {@code timeout} after the fault's end. */
    static Optional<Duration> after(Instant faultEnd, AnswerTally answers, Ledger ledger, boolean loadRuns, Duration timeout)
            throws InterruptedException {
        Recovery recovery = new Recovery(answers, ledger);
        Instant deadline = faultEnd.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (recovery.works(loadRuns ? faultEnd.toEpochMilli() : Long.MIN_VALUE)) {
                return Optional.of(Duration.between(faultEnd, Instant.now()));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Optional.empty();
    }

    private boolean works(long acknowledgedSince) {
        unconfirmed.addAll(answers.readNew());
        if (!answers.acknowledgedSince(acknowledgedSince) || ledger.lag().orElse(-1) != 0) {
            return false;
        }
        try {
            unconfirmed.removeAll(ledger.find(unconfirmed).present());
            return unconfirmed.isEmpty();
        }
        catch (SQLException | RuntimeException notYet) {
            return false;
        }
    }
}
