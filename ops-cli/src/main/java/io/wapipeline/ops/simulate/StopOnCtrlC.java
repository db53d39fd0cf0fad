package io.wapipeline.ops.simulate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.wapipeline.traffic.send.Simulation;

/**
 * Makes Ctrl-C stop the sending rather than end the process at once, so the summary of what was sent is still
 * printed: the shutdown hook stops the simulation and waits, a little longer than a request may take, for the summary.
 */
final class StopOnCtrlC {

    private final CountDownLatch summaryPrinted = new CountDownLatch(1);
    private final Thread hook;

    StopOnCtrlC(Simulation simulation, Duration requestTimeout) {
        long waitMillis = requestTimeout.plusSeconds(2).toMillis();
        this.hook = new Thread(() -> {
            simulation.stop();
            awaitSummary(waitMillis);
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Called once the summary is out: the hook, if it runs, returns at once; otherwise it is not needed anymore. */
    void summaryPrinted() {
        summaryPrinted.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (IllegalStateException shuttingDown) {
            // the hook is running already and has just been released
        }
    }

    private void awaitSummary(long millis) {
        try {
            summaryPrinted.await(millis, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
