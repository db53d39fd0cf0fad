package io.wapipeline.model.payload;

/**
 * What a {@code system} message says of a user's ids: {@code user_changed_number} names the new phone number
 * ({@code system.wa_id}), {@code user_changed_user_id} the new BSUID and the previous one.
 */
public record IdentityChange(String newWaId, String newUserId, String previousUserId) {

    /** The ids the person now has and had, named together. */
    public boolean isEmpty() {
        return newWaId == null && newUserId == null && previousUserId == null;
    }
}
