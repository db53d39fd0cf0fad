package io.wapipeline.worker.contact;

import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.store.Identifier;
import io.wapipeline.worker.store.KeyChange;
import io.wapipeline.worker.store.KeyChanges;
import io.wapipeline.worker.system.BulkInsert;

/**
 * Writes what is known of each contact: the profile the user set, the name the business gave it, the marketing
 * preference, when it was first and last seen, and when each of its ids was. Every value follows the newest report
 * (by its own time, ties broken by content) and times merge with LEAST/GREATEST, so any order of webhooks and any
 * merge of contacts give the same row. Rows are written in key order, so concurrent batches lock them alike.
 */
@Repository
@Order(3)
class ContactRepository implements KeyChanges {

    /** Is the incoming (EXCLUDED) report newer than the stored one (c)? One comparison per attribute group. */
    private static final String PROFILE_IS_NEWER = """
            EXCLUDED.profile_at IS NOT NULL AND (c.profile_at IS NULL
                OR (EXCLUDED.profile_at, COALESCE(EXCLUDED.profile_name, ''), COALESCE(EXCLUDED.username, ''))
                 > (c.profile_at, COALESCE(c.profile_name, ''), COALESCE(c.username, '')))""";

    private static final String BUSINESS_NAME_IS_NEWER = """
            EXCLUDED.business_name_at IS NOT NULL AND (c.business_name_at IS NULL
                OR (EXCLUDED.business_name_at, COALESCE(EXCLUDED.business_name_action, ''), COALESCE(EXCLUDED.business_name, ''))
                 > (c.business_name_at, COALESCE(c.business_name_action, ''), COALESCE(c.business_name, '')))""";

    private static final String PREFERENCE_IS_NEWER = """
            EXCLUDED.marketing_preference_at IS NOT NULL AND (c.marketing_preference_at IS NULL
                OR (EXCLUDED.marketing_preference_at, COALESCE(EXCLUDED.marketing_preference, ''))
                 > (c.marketing_preference_at, COALESCE(c.marketing_preference, '')))""";

    private static final String MERGE = "ON CONFLICT (waba_id, contact_id) DO UPDATE SET\n"
            + "    profile_name = CASE WHEN " + PROFILE_IS_NEWER + " THEN EXCLUDED.profile_name ELSE c.profile_name END,\n"
            + "    username = CASE WHEN " + PROFILE_IS_NEWER + " THEN EXCLUDED.username ELSE c.username END,\n"
            + "    profile_at = CASE WHEN " + PROFILE_IS_NEWER + " THEN EXCLUDED.profile_at ELSE c.profile_at END,\n"
            + "    business_name = CASE WHEN " + BUSINESS_NAME_IS_NEWER + " THEN EXCLUDED.business_name ELSE c.business_name END,\n"
            + "    business_name_action = CASE WHEN " + BUSINESS_NAME_IS_NEWER
            + " THEN EXCLUDED.business_name_action ELSE c.business_name_action END,\n"
            + "    business_name_at = CASE WHEN " + BUSINESS_NAME_IS_NEWER + " THEN EXCLUDED.business_name_at ELSE c.business_name_at END,\n"
            + "    marketing_preference = CASE WHEN " + PREFERENCE_IS_NEWER
            + " THEN EXCLUDED.marketing_preference ELSE c.marketing_preference END,\n"
            + "    marketing_preference_at = CASE WHEN " + PREFERENCE_IS_NEWER
            + " THEN EXCLUDED.marketing_preference_at ELSE c.marketing_preference_at END,\n"
            + "    first_seen_at = LEAST(c.first_seen_at, EXCLUDED.first_seen_at),\n"
            + "    last_seen_at = GREATEST(c.last_seen_at, EXCLUDED.last_seen_at),\n"
            + "    updated_at = now()\n"
            // A report that changes nothing writes nothing: no new row version, no WAL, for the many that only repeat.
            + "WHERE (" + PROFILE_IS_NEWER + ")\n"
            + "   OR (" + BUSINESS_NAME_IS_NEWER + ")\n"
            + "   OR (" + PREFERENCE_IS_NEWER + ")\n"
            + "   OR EXCLUDED.first_seen_at < c.first_seen_at OR EXCLUDED.last_seen_at > c.last_seen_at\n"
            + "   OR (c.first_seen_at IS NULL AND EXCLUDED.first_seen_at IS NOT NULL)\n"
            + "   OR (c.last_seen_at IS NULL AND EXCLUDED.last_seen_at IS NOT NULL)\n";

    /** Contacts merged into another (or given a smaller key): their rows become one, by the same rules. */
    private static final String MOVE = """
            WITH moved AS (
                DELETE FROM whatsapp_contact m
                 USING unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS r (waba_id, from_key, to_key, to_kind)
                 WHERE m.waba_id = r.waba_id AND m.contact_id = r.from_key
                RETURNING m.*, r.to_key, r.to_kind)
            INSERT INTO whatsapp_contact AS c (waba_id, contact_id, key_kind, profile_name, username, profile_at,
                    business_name, business_name_action, business_name_at, marketing_preference, marketing_preference_at,
                    first_seen_at, last_seen_at, created_at)
            SELECT waba_id, to_key, to_kind,
                   (array_agg(profile_name ORDER BY profile_at DESC NULLS LAST, COALESCE(profile_name, '') DESC, COALESCE(username, '') DESC))[1],
                   (array_agg(username ORDER BY profile_at DESC NULLS LAST, COALESCE(profile_name, '') DESC, COALESCE(username, '') DESC))[1],
                   max(profile_at),
                   (array_agg(business_name ORDER BY business_name_at DESC NULLS LAST, COALESCE(business_name_action, '') DESC, COALESCE(business_name, '') DESC))[1],
                   (array_agg(business_name_action ORDER BY business_name_at DESC NULLS LAST, COALESCE(business_name_action, '') DESC, COALESCE(business_name, '') DESC))[1],
                   max(business_name_at),
                   (array_agg(marketing_preference ORDER BY marketing_preference_at DESC NULLS LAST, COALESCE(marketing_preference, '') DESC))[1],
                   max(marketing_preference_at),
                   min(first_seen_at), max(last_seen_at), min(created_at)
              FROM moved
             GROUP BY waba_id, to_key, to_kind
             ORDER BY waba_id, to_key
            """ + MERGE;

    private static final BulkInsert<ContactFacts> UPSERT = new BulkInsert<>("whatsapp_contact AS c", List.of(
            text("waba_id", facts -> facts.key().scope()),
            text("contact_id", facts -> facts.key().value()),
            text("key_kind", facts -> facts.key().kind()),
            text("profile_name", ContactFacts::profileName),
            text("username", ContactFacts::username),
            timestamp("profile_at", ContactFacts::profileAt),
            text("business_name", ContactFacts::businessName),
            text("business_name_action", ContactFacts::businessNameAction),
            timestamp("business_name_at", ContactFacts::businessNameAt),
            text("marketing_preference", ContactFacts::marketingPreference),
            timestamp("marketing_preference_at", ContactFacts::marketingPreferenceAt),
            timestamp("first_seen_at", ContactFacts::firstSeenAt),
            timestamp("last_seen_at", ContactFacts::lastSeenAt)), MERGE);

    private static final String SEEN = """
            INSERT INTO whatsapp_contact_identifier AS i (waba_id, kind, value, contact_id, first_seen_at, last_seen_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (waba_id, kind, value) DO UPDATE SET
                first_seen_at = LEAST(i.first_seen_at, EXCLUDED.first_seen_at),
                last_seen_at  = GREATEST(i.last_seen_at, EXCLUDED.last_seen_at)
            WHERE i.first_seen_at IS NULL OR i.last_seen_at IS NULL
               OR EXCLUDED.first_seen_at < i.first_seen_at OR EXCLUDED.last_seen_at > i.last_seen_at
            """;

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Merges each contact's facts into its row; one row per contact key, in key order. */
    void record(List<ContactFacts> facts) {
        if (!facts.isEmpty()) {
            UPSERT.rows(jdbc, oneForEachKey(facts)).update();
        }
    }

    /** When each id was first and last seen. */
    void seen(Map<Identifier, Seen> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Map.Entry<Identifier, Seen>> rows = List.copyOf(new TreeMap<>(ids).entrySet());
        jdbc.sql(SEEN).param(rows.stream().map(row -> row.getKey().scope()).toArray(String[]::new))
                .param(rows.stream().map(row -> row.getKey().kind()).toArray(String[]::new))
                .param(rows.stream().map(row -> row.getKey().value()).toArray(String[]::new))
                .param(rows.stream().map(row -> row.getValue().contactId()).toArray(String[]::new))
                .param(rows.stream().map(row -> row.getValue().first().toString()).toArray(String[]::new))
                .param(rows.stream().map(row -> row.getValue().last().toString()).toArray(String[]::new)).update();
    }

    @Override
    public void moved(List<KeyChange> changes) {
        jdbc.sql(MOVE).param(changes.stream().map(KeyChange::scope).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::from).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::to).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::toKind).toArray(String[]::new)).update();
    }

    /** An id's first and last sighting in a batch, and the contact it is filed under. */
    record Seen(String contactId, Instant first, Instant last) {

        Seen plus(Seen other) {
            return new Seen(contactId, first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last);
        }
    }

    private static List<ContactFacts> oneForEachKey(List<ContactFacts> facts) {
        Map<Identifier, ContactFacts> byKey = new TreeMap<>();
        facts.forEach(fact -> byKey.merge(fact.key(), fact, ContactFacts::plus));
        return List.copyOf(byKey.values());
    }
}
