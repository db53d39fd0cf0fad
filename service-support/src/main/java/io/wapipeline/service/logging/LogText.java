package io.wapipeline.service.logging;

/**
 * Text that came from outside (a webhook's values, a database error quoting them) made safe for one log line: line
 * breaks and other control characters are escaped, so that no one can forge a line, and the length is bounded.
 */
public final class LogText {

    /** Longer text is cut here, with the number of characters left out. */
    public static final int MAX_LENGTH = 500;

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder escaped = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        escaped.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        escaped.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_LENGTH) {
            escaped.append("… (").append(text.length() - MAX_LENGTH).append(" more characters)");
        }
        return escaped.toString();
    }
}
