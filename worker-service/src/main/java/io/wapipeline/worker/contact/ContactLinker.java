package io.wapipeline.worker.contact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.wapipeline.worker.contact.LinkPlan.Stored;
import io.wapipeline.worker.store.Identifier;
import io.wapipeline.worker.store.KeyChange;
import io.wapipeline.worker.store.KeyChanges;

/**
 * Links the ids of a batch to contacts before anything else of the batch is written. A batch holds its accounts'
 * contact locks shared while it files rows under their keys. New ids are linked, and contacts merged, in a short
 * transaction of its own that holds the accounts' linking locks, so linkers of an account take turns; only a linker
 * that changes a stored key (a merge, or a smaller id for a known person) also takes the contact locks exclusively,
 * so it never runs beside a batch filing rows under the keys it changes. A linker that only adds ids waits for other
 * linkers, not for the batches in flight. Batches never ask for a linking lock; each kind of lock is taken in account
 * order, linking before contact, before any row lock.
 */
@Repository
class ContactLinker {

    private static final String READ = """
            SELECT i.waba_id, i.kind, i.value, i.contact_id, c.key_kind
              FROM whatsapp_contact_identifier i
              JOIN unnest(?::text[], ?::text[], ?::text[]) AS n (waba_id, kind, value)
                ON i.waba_id = n.waba_id AND i.kind = n.kind AND i.value = n.value
              JOIN whatsapp_contact c ON c.waba_id = i.waba_id AND c.contact_id = i.contact_id
            """;

    private static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(hashtextextended('whatsapp_contact:' || ?, 0))";

    private static final String LOCK_EXCLUSIVE = "SELECT pg_advisory_xact_lock(hashtextextended('whatsapp_contact:' || ?, 0))";

    private static final String LOCK_LINKING = "SELECT pg_advisory_xact_lock(hashtextextended('whatsapp_contact_link:' || ?, 0))";

    private static final String INSERT_IDS = """
            INSERT INTO whatsapp_contact_identifier (waba_id, kind, value, contact_id)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
            ON CONFLICT (waba_id, kind, value) DO UPDATE SET contact_id = EXCLUDED.contact_id
            """;

    private static final String INSERT_CONTACTS = """
            INSERT INTO whatsapp_contact (waba_id, contact_id, key_kind)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
            ON CONFLICT (waba_id, contact_id) DO NOTHING
            """;

    private static final String RENAME_IDS = """
            UPDATE whatsapp_contact_identifier i SET contact_id = r.to_key
              FROM unnest(?::text[], ?::text[], ?::text[]) AS r (waba_id, from_key, to_key)
             WHERE i.waba_id = r.waba_id AND i.contact_id = r.from_key
            """;

    private final JdbcClient jdbc;
    private final List<KeyChanges> followers;
    private final TransactionTemplate linking;

    ContactLinker(JdbcClient jdbc, List<KeyChanges> followers, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.followers = followers;
        this.linking = new TransactionTemplate(transactions);
        this.linking.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Links the sightings' ids and returns the key of each; merges contacts they show to be one person. */
    LinkPlan link(List<Sighting> sightings) {
        TreeSet<Identifier> named = new TreeSet<>();
        sightings.forEach(sighting -> named.addAll(sighting.identifiers()));
        if (named.isEmpty()) {
            return LinkPlan.of(List.of(), Map.of());
        }
        if (LinkPlan.of(sightings, read(named)).changesAnything()) {
            linking.executeWithoutResult(status -> linkAlone(sightings, named));
        }
        lock(LOCK_SHARED, scopes(named));
        LinkPlan plan = LinkPlan.of(sightings, read(named));
        if (plan.changesAnything()) {
            // Ids are only ever added and merged, and this batch's were just linked: another batch cannot have
            // undone that. A guard; a batch that meets it is written again from the start.
            throw new TransientDataAccessResourceException("the batch's contacts were not linked when it read them");
        }
        return plan;
    }

    /**
     * Links new ids and merges contacts in a short transaction of its own. With the accounts' linking locks held, no
     * other linker changes their contacts, so the plan read then is the one applied. Only renames take the contact
     * locks exclusively: they wait for the batches filing rows under the keys they change, and those batches wait only
     * for them, not for a whole batch that links. What it commits is true whatever becomes of the batch (a retried
     * batch finds it linked).
     */
    private void linkAlone(List<Sighting> sightings, TreeSet<Identifier> named) {
        lock(LOCK_LINKING, scopes(named));
        LinkPlan plan = LinkPlan.of(sightings, read(named));
        if (!plan.renames().isEmpty()) {
            lock(LOCK_EXCLUSIVE, renamedScopes(plan));
        }
        if (plan.changesAnything()) {
            apply(plan);
        }
    }

    /** The accounts' locks, in account order. */
    private void lock(String lock, Set<String> scopes) {
        new TreeSet<>(scopes).forEach(scope -> jdbc.sql(lock).param(scope).query((rs, n) -> 1).list());
    }

    private static Set<String> scopes(TreeSet<Identifier> named) {
        Set<String> scopes = new TreeSet<>();
        named.forEach(id -> scopes.add(id.scope()));
        return scopes;
    }

    private static Set<String> renamedScopes(LinkPlan plan) {
        Set<String> scopes = new TreeSet<>();
        plan.renames().forEach(rename -> scopes.add(rename.scope()));
        return scopes;
    }

    private Map<Identifier, Stored> read(TreeSet<Identifier> named) {
        Map<Identifier, Stored> stored = new HashMap<>();
        jdbc.sql(READ).param(named.stream().map(Identifier::scope).toArray(String[]::new))
                .param(named.stream().map(Identifier::kind).toArray(String[]::new))
                .param(named.stream().map(Identifier::value).toArray(String[]::new))
                .query(rs -> {
                    stored.put(new Identifier(rs.getString("waba_id"), rs.getString("kind"), rs.getString("value")),
                            new Stored(rs.getString("contact_id"), rs.getString("key_kind")));
                });
        return stored;
    }

    private void apply(LinkPlan plan) {
        if (!plan.newContacts().isEmpty()) {
            List<Identifier> keys = plan.newContacts();
            jdbc.sql(INSERT_CONTACTS).param(keys.stream().map(Identifier::scope).toArray(String[]::new))
                    .param(keys.stream().map(Identifier::value).toArray(String[]::new))
                    .param(keys.stream().map(Identifier::kind).toArray(String[]::new)).update();
        }
        if (!plan.renames().isEmpty()) {
            List<KeyChange> renames = plan.renames();
            jdbc.sql(RENAME_IDS).param(renames.stream().map(KeyChange::scope).toArray(String[]::new))
                    .param(renames.stream().map(KeyChange::from).toArray(String[]::new))
                    .param(renames.stream().map(KeyChange::to).toArray(String[]::new)).update();
            followers.forEach(follower -> follower.moved(renames));
        }
        if (!plan.newIds().isEmpty()) {
            List<Map.Entry<Identifier, String>> ids = List.copyOf(plan.newIds().entrySet());
            jdbc.sql(INSERT_IDS).param(ids.stream().map(id -> id.getKey().scope()).toArray(String[]::new))
                    .param(ids.stream().map(id -> id.getKey().kind()).toArray(String[]::new))
                    .param(ids.stream().map(id -> id.getKey().value()).toArray(String[]::new))
                    .param(ids.stream().map(Map.Entry::getValue).toArray(String[]::new)).update();
        }
    }
}
