package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.array;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.text;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The {@code contacts[]} of a change value, looked up by phone number or business-scoped user id. */
final class Contacts {

    private static final Profile NONE = new Profile(null, null, null, null);

    private final List<Profile> profiles = new ArrayList<>();

    Contacts(JsonNode value) {
        for (JsonNode contact : array(value, "contacts")) {
            JsonNode profile = object(contact, "profile");
            profiles.add(new Profile(text(contact, "wa_id"), text(contact, "user_id"), text(profile, "name"),
                    text(profile, "username")));
        }
    }

    /** The profile of the sender; the only one when a single contact is listed and the sender names no id. */
    Profile of(String waId, String userId) {
        for (Profile profile : profiles) {
            if ((waId != null && waId.equals(profile.waId())) || (userId != null && userId.equals(profile.userId()))) {
                return profile;
            }
        }
        return profiles.size() == 1 && waId == null && userId == null ? profiles.get(0) : NONE;
    }

    record Profile(String waId, String userId, String name, String username) {
    }
}
