package io.wapipeline.worker;

import java.util.List;

/**
 * Calling API webhooks built in code: a {@code calls} change of one business number whose {@code contacts[]} names
 * the customer first, so that every webhook of one customer is keyed to the same partition and read in order.
 */
public final class CallWebhooks {

    /** The business number's display number: the far end of every call here. */
    public static final String BUSINESS_NUMBER = "15550003333";

    private CallWebhooks() {
    }

    /** A {@code calls} change with these {@code calls[]} items and call statuses. */
    public static String calls(String business, String customer, String customerUserId, List<String> calls, List<String> statuses) {
        return Webhooks.envelope(List.of(Webhooks.entry("WABA-CALLS", List.of("""
                {"field":"calls","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Caller"},"wa_id":"%s","user_id":"%s"}],
                 "calls":[%s],"statuses":[%s]}}""".formatted(BUSINESS_NUMBER, business, customer, customerUserId,
                String.join(",", calls), String.join(",", statuses))))));
    }

    /** A {@code connect}: from the customer when {@code USER_INITIATED}, to them when {@code BUSINESS_INITIATED}. */
    public static String connect(String callId, String customer, String direction, long timestamp) {
        return """
                {"id":"%s",%s,"event":"connect","timestamp":"%d","direction":"%s",
                 "session":{"sdp":"v=0","sdp_type":"offer"}}""".formatted(callId, ends(customer, direction), timestamp, direction);
    }

    /** A {@code terminate} with its status, start, end and duration. */
    public static String terminate(String callId, String customer, String direction, long timestamp, String status, long start,
            long duration) {
        return """
                {"id":"%s",%s,"event":"terminate","timestamp":"%d","direction":"%s","status":"%s",
                 "start_time":"%d","end_time":"%d","duration":%d,"biz_opaque_callback_data":"ticket-42"}"""
                .formatted(callId, ends(customer, direction), timestamp, direction, status, start, start + duration, duration);
    }

    /** A {@code terminate} of a call that failed, with Meta's error and no start, end or duration. */
    public static String failed(String callId, String customer, String direction, long timestamp) {
        return """
                {"id":"%s",%s,"event":"terminate","timestamp":"%d","direction":"%s","status":"FAILED",
                 "errors":[{"code":138006,"title":"Lack of call permission"}]}"""
                .formatted(callId, ends(customer, direction), timestamp, direction);
    }

    /** A call status ({@code RINGING}, {@code ACCEPTED}, {@code REJECTED}) as Meta sends it in {@code statuses[]}. */
    public static String callStatus(String callId, String status, long timestamp, String recipient) {
        return """
                {"id":"%s","timestamp":"%d","type":"call","status":"%s","recipient_id":"%s"}"""
                .formatted(callId, timestamp, status, recipient);
    }

    private static String ends(String customer, String direction) {
        return "USER_INITIATED".equals(direction) ? "\"from\":\"" + customer + "\",\"to\":\"" + BUSINESS_NUMBER + "\""
                : "\"from\":\"" + BUSINESS_NUMBER + "\",\"to\":\"" + customer + "\"";
    }
}
