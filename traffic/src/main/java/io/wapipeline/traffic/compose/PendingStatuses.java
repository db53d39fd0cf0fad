package io.wapipeline.traffic.compose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Statuses of outbound messages that are still to be sent. Several messages are open at once and their statuses
 * interleave, as in real traffic. With shuffling, each message's statuses are sent in a random order, as Meta
 * sometimes delivers them; their timestamps still tell the true order.
 */
final class PendingStatuses {

    private final List<Deque<SimulatedItem>> open = new ArrayList<>();
    private final boolean shuffle;
    private final RandomGenerator random;

    PendingStatuses(boolean shuffle, RandomGenerator random) {
        this.shuffle = shuffle;
        this.random = random;
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    void add(List<SimulatedItem> statusesInTrueOrder) {
        List<SimulatedItem> statuses = new ArrayList<>(statusesInTrueOrder);
        if (shuffle) {
            shuffle(statuses);
        }
        open.add(new ArrayDeque<>(statuses));
    }

    /** The next status of a randomly chosen open message. */
    SimulatedItem next() {
        int index = random.nextInt(open.size());
        Deque<SimulatedItem> statuses = open.get(index);
        SimulatedItem next = statuses.removeFirst();
        if (statuses.isEmpty()) {
            open.set(index, open.get(open.size() - 1));
            open.remove(open.size() - 1);
        }
        return next;
    }

    /** Fisher-Yates, because {@code Collections.shuffle} takes a {@code RandomGenerator} only from Java 21 on. */
    private void shuffle(List<SimulatedItem> statuses) {
        for (int i = statuses.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            statuses.set(i, statuses.set(j, statuses.get(i)));
        }
    }
}
