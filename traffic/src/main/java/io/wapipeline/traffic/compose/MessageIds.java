package io.wapipeline.traffic.compose;

import java.util.Locale;

/**
 * The ids of one run: wamids that carry the run id (so two runs never collide) and a zero-padded counter (so they
 * sort in the order they were made), and numeric media ids. Used by one generating thread.
 */
final class MessageIds {

    private final String runId;
    private final String mediaPrefix;
    private long inbound;
    private long outbound;
    private long media;

    MessageIds(String runId) {
        this.runId = runId;
        this.mediaPrefix = "8" + String.format(Locale.ROOT, "%08d", Math.floorMod(runId.hashCode(), 100_000_000));
    }

    /** A message a simulated user sent to the business. */
    String nextInbound() {
        return "wamid.sim." + runId + ".in." + String.format(Locale.ROOT, "%010d", ++inbound);
    }

    /** A message the business sent, that statuses are reported for. */
    String nextOutbound() {
        return "wamid.sim." + runId + ".out." + String.format(Locale.ROOT, "%010d", ++outbound);
    }

    /** Digits, like Graph API media ids; the local stack's fake Graph API serves sample bytes for any of them. */
    String nextMedia() {
        return mediaPrefix + String.format(Locale.ROOT, "%08d", ++media);
    }
}
