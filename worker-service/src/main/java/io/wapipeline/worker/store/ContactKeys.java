package io.wapipeline.worker.store;

import java.util.Map;

import io.wapipeline.model.payload.Business;
import io.wapipeline.model.payload.PersonIds;

/**
 * The contact key each id of a batch is filed under, once ids are linked: a person named by phone number in one
 * webhook and by business-scoped user id in another is filed under one key. An id not linked to any contact is filed
 * under itself (phone number, else user id, else parent id), and a person named by no id under {@code ''}.
 */
public final class ContactKeys {

    public static final ContactKeys NONE = new ContactKeys(Map.of());

    private final Map<Identifier, Identifier> keys;

    /** @param keys the key (itself one of the person's ids) of every id linked */
    public ContactKeys(Map<Identifier, Identifier> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** The key of the person these ids name. */
    public String of(Business business, PersonIds ids) {
        Identifier key = keyOf(Identifier.scopeOf(business), ids);
        return key != null ? key.value() : ids.preferred() == null ? "" : ids.preferred();
    }

    /** The key of the person these ids name in this account, as an id; null when none of them is linked. */
    public Identifier keyOf(String scope, PersonIds ids) {
        for (Identifier identifier : Identifier.of(scope, ids)) {
            Identifier key = keys.get(identifier);
            if (key != null) {
                return key;
            }
        }
        return null;
    }
}
