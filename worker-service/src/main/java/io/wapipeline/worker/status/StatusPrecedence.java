package io.wapipeline.worker.status;

import java.util.Map;

/**
 * Which status of an outbound message wins as its current one: sent &lt; failed &lt; delivered &lt; read &lt; played.
 * A late {@code sent} never hides {@code failed} or {@code delivered}; {@code delivered} on one device outranks
 * {@code failed} on another, and the failure stays visible in the history. Statuses Meta adds later rank 0.
 */
public final class StatusPrecedence {

    private static final Map<String, Integer> RANKS = Map.of(
            "sent", 1, "failed", 2, "delivered", 3, "read", 4, "played", 5);

    private StatusPrecedence() {
    }

    public static int rank(String status) {
        return RANKS.getOrDefault(status, 0);
    }
}
