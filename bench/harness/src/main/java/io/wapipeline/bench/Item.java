package io.wapipeline.bench;

/**
 * One thing an acknowledged webhook promises the pipeline keeps: a message (one row of {@code whatsapp_message}), a
 * status report (a row of {@code whatsapp_message_status}), an item kept apart as unreadable (an event of kind
 * {@code unreadable}), or a body that is no webhook at all (a record of the dead-letter topic).
 *
 * @param id     the message id; for a dead letter, a text its body contains
 * @param status for a status report, which one; null when any status of the message will do (what simulate logs)
 */
record Item(Kind kind, String id, String status) {

    enum Kind {
        MESSAGE("messages"), STATUS("status reports"), KEPT_APART("items kept apart"), DEAD_LETTER("dead letters");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        String plural() {
            return plural;
        }
    }

    static Item message(String id) {
        return new Item(Kind.MESSAGE, id, null);
    }

    static Item status(String id, String status) {
        return new Item(Kind.STATUS, id, status);
    }

    static Item keptApart(String id) {
        return new Item(Kind.KEPT_APART, id, null);
    }

    static Item deadLetter(String marker) {
        return new Item(Kind.DEAD_LETTER, marker, null);
    }
}
