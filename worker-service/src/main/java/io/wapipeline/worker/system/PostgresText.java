package io.wapipeline.worker.system;

/**
 * PostgreSQL cannot store the NUL character, in {@code text} nor in {@code jsonb} ({@code \u0000}). A webhook may
 * carry one (a user can type it); it is replaced by U+FFFD so that the row is stored instead of failing the batch.
 */
public final class PostgresText {

    private static final String NUL = "\u0000";
    private static final String REPLACEMENT = "\uFFFD";

    private PostgresText() {
    }

    public static String clean(String text) {
        return text == null || !text.contains(NUL) ? text : text.replace(NUL, REPLACEMENT);
    }

    /** JSON text with the escaped NUL replaced by the escaped replacement character. */
    public static String cleanJson(String json) {
        if (json == null) {
            return null;
        }
        String cleaned = clean(json);
        return cleaned.contains("\\u0000") ? cleaned.replace("\\u0000", "\\ufffd") : cleaned;
    }
}
