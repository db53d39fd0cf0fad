package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * One {@code contacts[]} entry of a change value: ids Meta names together for one person, so they are linked, and the
 * profile as the user set it.
 *
 * @param at the newest item time in the same change value (null when it has none): when this profile was current
 */
public record ContactSeen(Business business, PersonIds ids, String name, String username, Instant at) {
}
