package io.wapipeline.worker.store;

import java.util.List;

/**
 * What follows a contact when its key changes: every table that files rows under contact keys has one, which moves
 * (or merges) its rows from the old keys to the new ones, in the transaction that changes the keys.
 */
public interface KeyChanges {

    void moved(List<KeyChange> changes);
}
