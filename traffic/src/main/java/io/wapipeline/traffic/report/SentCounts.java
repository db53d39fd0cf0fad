package io.wapipeline.ops.simulate;

import java.util.concurrent.atomic.LongAdder;

/**
 * What was sent so far: POSTs, the re-deliveries among them, and the messages and statuses of the fresh ones (a
 * re-delivery carries no new item). Written by the sending thread, read by the progress line.
 */
final class SentCounts {

    private final LongAdder posts = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder statuses = new LongAdder();

    void add(Post post) {
        posts.increment();
        if (post.redelivery()) {
            redeliveries.increment();
        }
        else {
            messages.add(post.messages());
            statuses.add(post.statuses());
        }
    }

    long posts() {
        return posts.sum();
    }

    long redeliveries() {
        return redeliveries.sum();
    }

    long messages() {
        return messages.sum();
    }

    long statuses() {
        return statuses.sum();
    }
}
