package io.wapipeline.traffic.compose;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;

/**
 * Chooses which POSTs are delivered a second time, as Meta's retries and deliveries to several subscribed apps do:
 * each with probability {@code fraction}, byte for byte, one to {@value #MAX_DELAY} fresh POSTs later.
 */
final class Redeliveries {

    private static final int MAX_DELAY = 20;

    private final double fraction;
    private final RandomGenerator random;
    private final PriorityQueue<Scheduled> scheduled =
            new PriorityQueue<>(Comparator.comparingLong(Scheduled::due).thenComparingLong(Scheduled::order));
    private long added;

    Redeliveries(double fraction, RandomGenerator random) {
        this.fraction = fraction;
        this.random = random;
    }

    /** Maybe schedules {@code post}, just sent as the {@code freshSent}-th fresh POST, for a second delivery. */
    void consider(Post post, long freshSent) {
        if (fraction > 0 && random.nextDouble() < fraction) {
            scheduled.add(new Scheduled(freshSent + 1 + random.nextInt(MAX_DELAY), added++, post.redelivered()));
        }
    }

    /** The re-delivery due once {@code freshSent} fresh POSTs are out, or null. */
    Post due(long freshSent) {
        Scheduled next = scheduled.peek();
        return next != null && next.due() <= freshSent ? scheduled.poll().post() : null;
    }

    /** Any re-delivery still waiting, earliest first, or null: how the last ones go out once no fresh POSTs are left. */
    Post next() {
        Scheduled next = scheduled.poll();
        return next == null ? null : next.post();
    }

    private record Scheduled(long due, long order, Post post) {
    }
}
