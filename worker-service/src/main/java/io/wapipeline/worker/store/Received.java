package io.wapipeline.worker.store;

import java.time.Instant;

/** A parsed item together with the record it came from. */
public record Received<T>(T item, Origin origin) {

    /** The item's own time, or the ingest's receive time when Meta gave none. */
    public Instant timeOr(Instant itemTime) {
        return itemTime != null ? itemTime : origin.receivedAt();
    }
}
