package io.wapipeline.worker.contact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.wapipeline.worker.store.Identifier;
import io.wapipeline.worker.store.KeyChange;

/**
 * What linking a batch's sightings to the stored contacts means. Ids named together, and ids already filed under one
 * contact, form one person; the person's key is the smallest of all their ids (phone numbers first), a choice that
 * depends only on the set of ids, so any arrival order gives the same keys.
 *
 * @param keys        the key of every id the batch named
 * @param renames     stored contacts whose key changes: merged into another, or given a smaller id
 * @param newIds      ids not stored yet, with their key
 * @param newContacts keys of persons no stored contact had
 */
record LinkPlan(Map<Identifier, Identifier> keys, List<KeyChange> renames, Map<Identifier, String> newIds,
        List<Identifier> newContacts) {

    /** How an id is stored: the key of its contact, and the kind of id that key is. */
    record Stored(String contactId, String keyKind) {

        Identifier key(String scope) {
            return new Identifier(scope, keyKind, contactId);
        }
    }

    boolean changesAnything() {
        return !renames.isEmpty() || !newIds.isEmpty() || !newContacts.isEmpty();
    }

    static LinkPlan of(List<Sighting> sightings, Map<Identifier, Stored> stored) {
        Components people = new Components();
        for (Sighting sighting : sightings) {
            List<Identifier> ids = sighting.identifiers();
            ids.forEach(people::add);
            for (int i = 1; i < ids.size(); i++) {
                people.union(ids.get(0), ids.get(i));
            }
        }
        stored.forEach((id, contact) -> people.union(id, contact.key(id.scope())));
        Map<Identifier, TreeSet<Identifier>> members = people.members();
        Map<Identifier, Identifier> keys = new TreeMap<>();
        Map<Identifier, String> newIds = new TreeMap<>();
        List<KeyChange> renames = new ArrayList<>();
        List<Identifier> newContacts = new ArrayList<>();
        for (TreeSet<Identifier> person : members.values()) {
            Identifier key = person.first();
            List<Identifier> storedKeys = person.stream().filter(id -> stored.containsKey(id))
                    .map(id -> stored.get(id).key(id.scope())).distinct().sorted().toList();
            storedKeys.stream().filter(storedKey -> !storedKey.equals(key))
                    .forEach(storedKey -> renames.add(new KeyChange(key.scope(), storedKey.value(), key.value(), key.kind())));
            if (storedKeys.isEmpty()) {
                newContacts.add(key);
            }
            for (Identifier id : person) {
                if (people.named(id)) {
                    keys.put(id, key);
                }
                if (people.named(id) && !stored.containsKey(id)) {
                    newIds.put(id, key.value());
                }
            }
        }
        return new LinkPlan(keys, renames, newIds, newContacts);
    }

    /** A union-find over ids: which ids are one person. */
    private static final class Components {

        private final Map<Identifier, Identifier> parent = new HashMap<>();
        private final Set<Identifier> named = new HashSet<>();

        void add(Identifier id) {
            named.add(id);
            parent.putIfAbsent(id, id);
        }

        boolean named(Identifier id) {
            return named.contains(id);
        }

        void union(Identifier a, Identifier b) {
            parent.putIfAbsent(a, a);
            parent.putIfAbsent(b, b);
            Identifier rootA = root(a);
            Identifier rootB = root(b);
            if (!rootA.equals(rootB)) {
                parent.put(rootA, rootB);
            }
        }

        private Identifier root(Identifier id) {
            Identifier root = id;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            parent.put(id, root);
            return root;
        }

        Map<Identifier, TreeSet<Identifier>> members() {
            Map<Identifier, TreeSet<Identifier>> members = new HashMap<>();
            for (Identifier id : List.copyOf(parent.keySet())) {
                members.computeIfAbsent(root(id), root -> new TreeSet<>()).add(id);
            }
            return members;
        }
    }
}
