package io.wapipeline.traffic.report;

import java.util.concurrent.atomic.LongAdder;
import io.wapipeline.traffic.compose.Post;

/**
 * What was sent so far: POSTs, the re-deliveries among them, and the messages and statuses of the fresh ones (a
 * re-delivery carries no new item). Written by the sending thread, read by the progress line.
 */
public final class SentCounts {

    private final LongAdder posts = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder statuses = new LongAdder();

    public void add(Post post) {
        posts.increment();
        if (post.redelivery()) {
            redeliveries.increment();
        }
        else {
            messages.add(post.messages());
            statuses.add(post.statuses());
        }
    }

    public long posts() {
        return posts.sum();
    }

    public long redeliveries() {
        return redeliveries.sum();
    }

    public long messages() {
        return messages.sum();
    }

    public long statuses() {
        return statuses.sum();
    }
}
