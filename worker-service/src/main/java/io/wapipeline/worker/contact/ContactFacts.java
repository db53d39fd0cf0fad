package io.wapipeline.worker.contact;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

import io.wapipeline.worker.store.Identifier;

/**
 * What a batch says of one contact; null where it says nothing. Two facts about one contact combine by the rules the
 * database applies ({@link ContactRepository}): the newest report of each group wins, times merge.
 */
record ContactFacts(Identifier key, String profileName, String username, Instant profileAt, String businessName,
        String businessNameAction, Instant businessNameAt, String marketingPreference, Instant marketingPreferenceAt,
        Instant firstSeenAt, Instant lastSeenAt) {

    private static final Comparator<String> TEXT = Comparator.comparing(text -> Objects.requireNonNullElse(text, ""));

    private static final Comparator<ContactFacts> PROFILE = Comparator
            .comparing(ContactFacts::profileAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ContactFacts::profileName, TEXT).thenComparing(ContactFacts::username, TEXT);

    private static final Comparator<ContactFacts> BUSINESS_NAME = Comparator
            .comparing(ContactFacts::businessNameAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ContactFacts::businessNameAction, TEXT).thenComparing(ContactFacts::businessName, TEXT);

    private static final Comparator<ContactFacts> PREFERENCE = Comparator
            .comparing(ContactFacts::marketingPreferenceAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ContactFacts::marketingPreference, TEXT);

    static ContactFacts seen(Identifier key, Instant at) {
        return new ContactFacts(key, null, null, null, null, null, null, null, null, at, at);
    }

    static ContactFacts profile(Identifier key, String name, String username, Instant at) {
        return new ContactFacts(key, name, username, at, null, null, null, null, null, at, at);
    }

    static ContactFacts businessName(Identifier key, String name, String action, Instant at) {
        return new ContactFacts(key, null, null, null, name, action, at, null, null, null, null);
    }

    static ContactFacts preference(Identifier key, String value, Instant at) {
        return new ContactFacts(key, null, null, null, null, null, null, value, at, at, at);
    }

    /** Both facts about the same contact, combined. */
    ContactFacts plus(ContactFacts other) {
        ContactFacts profile = PROFILE.compare(this, other) >= 0 ? this : other;
        ContactFacts name = BUSINESS_NAME.compare(this, other) >= 0 ? this : other;
        ContactFacts preference = PREFERENCE.compare(this, other) >= 0 ? this : other;
        return new ContactFacts(key, profile.profileName, profile.username, profile.profileAt, name.businessName,
                name.businessNameAction, name.businessNameAt, preference.marketingPreference, preference.marketingPreferenceAt,
                earliest(firstSeenAt, other.firstSeenAt), latest(lastSeenAt, other.lastSeenAt));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
