package io.wapipeline.model.payload;

import java.util.stream.Stream;

/**
 * The ids a webhook names one WhatsApp user by: the phone number ({@code wa_id}, {@code from}, {@code to}), the
 * business-scoped user id (BSUID, {@code user_id}) and the business portfolio's parent BSUID. Any of them may be null:
 * a user with a username can come with no phone number at all.
 */
public record PersonIds(String waId, String userId, String parentUserId) {

    public static final PersonIds NONE = new PersonIds(null, null, null);

    public PersonIds {
        waId = blankToNull(waId);
        userId = blankToNull(userId);
        parentUserId = blankToNull(parentUserId);
    }

    /** True when no id is named. */
    public boolean isEmpty() {
        return waId == null && userId == null && parentUserId == null;
    }

    /** The id this person was filed under before contacts were linked: the phone number, else the BSUID, else the parent. */
    public String preferred() {
        return Stream.of(waId, userId, parentUserId).filter(id -> id != null).findFirst().orElse(null);
    }

    /** These ids, with the other's filling those not named here. */
    public PersonIds or(PersonIds other) {
        return new PersonIds(waId != null ? waId : other.waId, userId != null ? userId : other.userId,
                parentUserId != null ? parentUserId : other.parentUserId);
    }

    private static String blankToNull(String id) {
        return id == null || id.isBlank() ? null : id;
    }
}
