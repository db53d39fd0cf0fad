package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** Reads what users and the business say of contacts: {@code user_preferences[]} and {@code smb_app_state_sync}. */
final class AccountReader {

    private AccountReader() {
    }

    static PreferenceChanged preference(JsonNode item, Business business) {
        return new PreferenceChanged(business, new PersonIds(text(item, "wa_id"), text(item, "user_id"),
                text(item, "parent_user_id")), text(item, "category"), text(item, "value"), text(item, "detail"),
                epochSeconds(item, "timestamp"), raw(item));
    }

    /**
     * One {@code state_sync[]} item of type contact.
     *
     * @throws UnreadableItemException when it names no phone number
     */
    static ContactSynced contact(JsonNode item, Business business) {
        JsonNode contact = object(item, "contact");
        String phoneNumber = text(contact, "phone_number");
        if (phoneNumber == null || phoneNumber.isBlank()) {
            throw new UnreadableItemException("a synced contact names no phone number");
        }
        Instant at = epochSeconds(object(item, "metadata"), "timestamp");
        return new ContactSynced(business, phoneNumber, text(contact, "full_name"), text(contact, "first_name"),
                text(item, "action"), at, raw(item));
    }
}
