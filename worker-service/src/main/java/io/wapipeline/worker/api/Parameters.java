package io.wapipeline.worker.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import io.wapipeline.worker.web.BadParameterException;

/** Reads the query parameters the list endpoints share; a value that cannot be read is refused by name. */
final class Parameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    /** What PostgreSQL's timestamptz and the cursor can both hold. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Parameters() {
    }

    /** The value, or null when absent or blank. */
    static String text(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new BadParameterException(name + " must not contain the NUL character");
        }
        return value == null || value.isBlank() ? null : value;
    }

    static Instant instant(Map<String, String> parameters, String name) {
        String value = text(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            return withinRange(Instant.parse(value.strip()), name);
        }
        catch (DateTimeParseException e) {
            throw new BadParameterException(name + " must be an ISO-8601 instant such as 2026-05-01T00:00:00Z");
        }
    }

    static int limit(Map<String, String> parameters) {
        String value = text(parameters, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        catch (NumberFormatException e) {
            // answered below, as for an out-of-range number
        }
        throw new BadParameterException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    static Cursor cursor(Map<String, String> parameters) {
        String value = text(parameters, "cursor");
        if (value == null) {
            return null;
        }
        Cursor cursor = Cursor.decode(value.strip()).orElseThrow(Parameters::badCursor);
        if (cursor.at().isBefore(EARLIEST) || cursor.at().isAfter(LATEST)) {
            throw badCursor();
        }
        return cursor;
    }

    private static Instant withinRange(Instant instant, String name) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadParameterException(name + " must be between years 1 and 9999");
        }
        return instant;
    }

    private static BadParameterException badCursor() {
        return new BadParameterException("cursor is not one this API gave out: pass nextCursor back unchanged");
    }
}
