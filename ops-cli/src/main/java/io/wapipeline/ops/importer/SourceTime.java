package io.wapipeline.ops.importer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Times as Django apps keep them: a {@code timestamptz} column (a {@code timestamp} column is read as UTC), or Meta's
 * Unix seconds kept as a number or as text, or ISO-8601 text.
 */
final class SourceTime {

    /** 9999-12-31T23:59:59Z: the last second the parser and PostgreSQL both take. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d*)?");

    private SourceTime() {
    }

    /** The column's value as the importer keeps it: an {@link Instant} for a time column, else as the driver read it. */
    static Object value(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        if (!(value instanceof Timestamp)) {
            return value;
        }
        boolean zoned = "timestamptz".equals(row.getMetaData().getColumnTypeName(row.findColumn(column)));
        return zoned ? row.getObject(column, OffsetDateTime.class).toInstant()
                : row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** The instant {@code value} stands for; empty when it is absent or not a time between 1970 and 9999. */
    static Optional<Instant> instant(Object value) {
        Optional<Instant> read;
        if (value instanceof Instant instant) {
            read = Optional.of(instant);
        }
        else if (value instanceof Number seconds) {
            read = Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        else if (value instanceof String text) {
            read = text(text.strip());
        }
        else {
            read = Optional.empty();
        }
        return read.filter(instant -> instant.getEpochSecond() >= 0 && instant.getEpochSecond() <= MAX_EPOCH_SECOND);
    }

    private static Optional<Instant> text(String text) {
        if (SECONDS.matcher(text).matches()) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.split("\\.")[0])));
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        }
        catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }
}
