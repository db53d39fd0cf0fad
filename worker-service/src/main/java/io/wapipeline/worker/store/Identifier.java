package io.wapipeline.worker.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.wapipeline.model.payload.Business;
import io.wapipeline.model.payload.PersonIds;

/**
 * One id Meta names a person by, within one business account: {@code scope} is the account (the webhook's entry id,
 * {@code ''} when Meta named none), {@code kind} one of {@link #WA_ID}, {@link #USER_ID}, {@link #PARENT_USER_ID}.
 * Ordered as contact keys are chosen: phone numbers first, then user ids, then parent ids, each by value.
 */
public record Identifier(String scope, String kind, String value) implements Comparable<Identifier> {

    public static final String WA_ID = "wa_id";
    public static final String USER_ID = "user_id";
    public static final String PARENT_USER_ID = "parent_user_id";

    private static final List<String> KIND_ORDER = List.of(WA_ID, USER_ID, PARENT_USER_ID);

    private static final Comparator<Identifier> ORDER = Comparator.comparing(Identifier::scope)
            .thenComparingInt(identifier -> KIND_ORDER.indexOf(identifier.kind())).thenComparing(Identifier::value);

    /** The account a business side belongs to: its entry id, or {@code ''}. */
    public static String scopeOf(Business business) {
        return business.wabaId() == null ? "" : business.wabaId();
    }

    /** The ids named, in key order. */
    public static List<Identifier> of(String scope, PersonIds ids) {
        List<Identifier> identifiers = new ArrayList<>(3);
        if (ids.waId() != null) {
            identifiers.add(new Identifier(scope, WA_ID, ids.waId()));
        }
        if (ids.userId() != null) {
            identifiers.add(new Identifier(scope, USER_ID, ids.userId()));
        }
        if (ids.parentUserId() != null) {
            identifiers.add(new Identifier(scope, PARENT_USER_ID, ids.parentUserId()));
        }
        return identifiers;
    }

    @Override
    public int compareTo(Identifier other) {
        return ORDER.compare(this, other);
    }
}
