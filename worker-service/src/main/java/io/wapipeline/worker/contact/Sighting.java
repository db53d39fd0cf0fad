package io.wapipeline.worker.contact;

import java.time.Instant;
import java.util.List;

import io.wapipeline.worker.store.Identifier;

/**
 * Ids one item names together for one person (so they are one contact), when, and whether it is the person's own
 * activity (a message, a call, a preference) rather than a report about them (a status).
 */
record Sighting(List<Identifier> identifiers, Instant at, boolean activity) {
}
