package io.wapipeline.ops.importer;

/**
 * Text from the Django database made safe for one line of output: line breaks, control characters and invisible
 * formatting characters (bidirectional overrides) escaped, so no value can forge a line or hide text; length bounded.
 * The same escapes as the services' {@code LogText}, which lives with Spring in service-support.
 */
final class RemoteText {

    private RemoteText() {
    }

    static String escape(String text, int maxLength) {
        int length = Math.min(text.length(), maxLength);
        StringBuilder escaped = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> escaped.append(visible(c) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > maxLength) {
            escaped.append("… (").append(text.length() - maxLength).append(" more characters)");
        }
        return escaped.toString();
    }

    private static boolean visible(char c) {
        boolean bidiControl = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
                || c == '\u200f' || c == '\u061c';
        return !Character.isISOControl(c) && c != '\u2028' && c != '\u2029' && !bidiControl;
    }
}
