package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * One {@code contacts[]} entry of a change value: ids Meta names together for one person, so they are linked, and the
 * profile as the user set it.
 *
 * @param at the newest item time in the same change value (null when it has none): when this profile was current
 */
public record ContactSeen(Business business, PersonIds ids, String name, String username, Instant at)
        implements WebhookItem {

    @Override
    public String field() {
        return "contacts";
    }

    /** The entry as read: its ids and profile. */
    @Override
    public String rawJson() {
        var node = Json.MAPPER.createObjectNode();
        node.put("wa_id", ids.waId()).put("user_id", ids.userId()).put("parent_user_id", ids.parentUserId());
        node.putObject("profile").put("name", name).put("username", username);
        return Json.raw(node);
    }
}
