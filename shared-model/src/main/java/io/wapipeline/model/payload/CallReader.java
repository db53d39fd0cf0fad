package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.firstNonNull;
import static io.wapipeline.model.payload.Json.number;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import tools.jackson.databind.JsonNode;

/** Reads Calling API reports: a {@code calls[]} item, or a call's status from {@code statuses[]}. */
final class CallReader {

    static final String STATUS_EVENT = "status";

    private CallReader() {
    }

    /**
     * A {@code calls[]} item.
     *
     * @throws UnreadableItemException when it names no call id
     */
    static CallReported call(JsonNode item, Business business, Contacts contacts) {
        String direction = text(item, "direction");
        String from = text(item, "from");
        String to = text(item, "to");
        String user = "BUSINESS_INITIATED".equals(direction) ? to : "USER_INITIATED".equals(direction) ? from
                : notTheBusiness(business, from, to);
        Double duration = number(item, "duration");
        return new CallReported(business, callId(item), firstNonNull(text(item, "event"), "unknown"), text(item, "status"),
                direction, from, to, customer(contacts, user), epochSeconds(item, "timestamp"), epochSeconds(item, "start_time"),
                epochSeconds(item, "end_time"), duration == null ? null : duration.longValue(),
                text(item, "biz_opaque_callback_data"), raw(item.get("errors")), raw(item));
    }

    /** A call's status ({@code RINGING}, {@code ACCEPTED}, {@code REJECTED}, …) reported on its recipient. */
    static CallReported status(JsonNode item, Business business, Contacts contacts) {
        String recipient = text(item, "recipient_id");
        return new CallReported(business, callId(item), STATUS_EVENT, text(item, "status"), null, null, recipient,
                customer(contacts, recipient).or(new PersonIds(null, text(item, "recipient_user_id"), null)),
                epochSeconds(item, "timestamp"), null, null, null, text(item, "biz_opaque_callback_data"),
                raw(item.get("errors")), raw(item));
    }

    private static String callId(JsonNode item) {
        String id = text(item, "id");
        if (id == null || id.isBlank()) {
            throw new UnreadableItemException("a call report names no call id");
        }
        return id;
    }

    private static String notTheBusiness(Business business, String from, String to) {
        return business.displayPhoneNumber() != null && business.displayPhoneNumber().equals(from) ? to : from;
    }

    private static PersonIds customer(Contacts contacts, String number) {
        PersonIds named = new PersonIds(number, null, null);
        return named.isEmpty() ? PersonIds.NONE : named.or(contacts.of(named).ids());
    }
}
