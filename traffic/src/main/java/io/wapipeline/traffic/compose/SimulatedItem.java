package io.wapipeline.traffic.compose;

import tools.jackson.databind.node.ObjectNode;

/**
 * One update to put into a webhook: an inbound {@code messages[]} item (whose sender goes into {@code contacts[]}) or
 * a {@code statuses[]} item about a message the business sent.
 */
record SimulatedItem(Kind kind, String messageId, Contact contact, ObjectNode json) {

    enum Kind { MESSAGE, STATUS }

    static SimulatedItem message(String messageId, Contact from, ObjectNode json) {
        return new SimulatedItem(Kind.MESSAGE, messageId, from, json);
    }

    static SimulatedItem status(String messageId, Contact recipient, ObjectNode json) {
        return new SimulatedItem(Kind.STATUS, messageId, recipient, json);
    }

    boolean isMessage() {
        return kind == Kind.MESSAGE;
    }
}
