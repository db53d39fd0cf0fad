package io.wapipeline.worker.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WHERE clause made only of the repository's fixed SQL fragments; what the caller sent travels as named
 * parameters, never as SQL text.
 */
final class Conditions {

    private final List<String> fragments = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds the fragment, which uses {@code :name}, when the value is given. */
    Conditions with(String fragment, String name, Object value) {
        if (value != null) {
            fragments.add(fragment);
            parameters.put(name, value instanceof Instant instant ? utc(instant) : value);
        }
        return this;
    }

    /** Adds the fragment, which takes no parameter, when {@code applies}. */
    Conditions when(boolean applies, String fragment) {
        if (applies) {
            fragments.add(fragment);
        }
        return this;
    }

    /** Adds the fragment, which uses {@code :cursorAt} and {@code :cursorId}, when there is a cursor. */
    Conditions after(String fragment, Cursor cursor) {
        if (cursor != null) {
            fragments.add(fragment);
            parameters.put("cursorAt", utc(cursor.at()));
            parameters.put("cursorId", cursor.id());
        }
        return this;
    }

    String where() {
        return fragments.isEmpty() ? "" : " WHERE " + String.join("\n   AND ", fragments) + "\n";
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
