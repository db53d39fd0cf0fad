package io.wapipeline.ops.kafka;

import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/** One partition's committed offset before and after {@code reset-offsets}, and what the move means for the worker. */
record OffsetMove(TopicPartition partition, OptionalLong current, long target) {

    /** Records read again after the move (a move back). */
    long reread() {
        return current.isPresent() ? Math.max(0, current.getAsLong() - target) : 0;
    }

    /** Records never read (a move forward). */
    long skipped() {
        return current.isPresent() ? Math.max(0, target - current.getAsLong()) : 0;
    }

    String currentText() {
        return current.isPresent() ? Long.toString(current.getAsLong()) : "none";
    }

    String effect() {
        if (current.isEmpty()) {
            return "starts here";
        }
        return reread() > 0 ? "re-reads " + reread() : skipped() > 0 ? "skips " + skipped() : "unchanged";
    }
}
