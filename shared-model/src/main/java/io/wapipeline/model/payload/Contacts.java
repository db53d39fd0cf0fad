package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.array;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The {@code contacts[]} of a change value, looked up by any of a user's ids. */
final class Contacts {

    private static final Profile NONE = new Profile(PersonIds.NONE, null, null);

    private final List<Profile> profiles = new ArrayList<>();

    Contacts(JsonNode value) {
        for (JsonNode contact : array(value, "contacts")) {
            JsonNode profile = object(contact, "profile");
            profiles.add(new Profile(new PersonIds(text(contact, "wa_id"), text(contact, "user_id"),
                    text(contact, "parent_user_id")), text(profile, "name"), text(profile, "username")));
        }
    }

    /** The profile naming any of these ids; the only one when a single contact is listed and no id is named. */
    Profile of(PersonIds ids) {
        for (Profile profile : profiles) {
            if (sameId(ids.waId(), profile.ids().waId()) || sameId(ids.userId(), profile.ids().userId())
                    || sameId(ids.parentUserId(), profile.ids().parentUserId())) {
                return profile;
            }
        }
        return profiles.size() == 1 && ids.isEmpty() ? profiles.get(0) : NONE;
    }

    /** Every listed contact with ids, as seen at {@code at}. */
    List<ContactSeen> seen(Business business, Instant at) {
        return profiles.stream().filter(profile -> !profile.ids().isEmpty())
                .map(profile -> new ContactSeen(business, profile.ids(), profile.name(), profile.username(), at)).toList();
    }

    private static boolean sameId(String id, String listed) {
        return id != null && id.equals(listed);
    }

    record Profile(PersonIds ids, String name, String username) {
    }
}
