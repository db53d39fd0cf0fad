package io.wapipeline.worker.api;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page ended: the sort time (to the microsecond, PostgreSQL's precision) and row id of its last item. Clients
 * see it as opaque base64url text and hand it back unchanged.
 */
record Cursor(Instant at, long id) {

    String encode() {
        String position = ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor in the text, or empty when the text is not one this API gave out. */
    static Optional<Cursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS);
            return Optional.of(new Cursor(at, Long.parseLong(parts[1])));
        }
        catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
