package io.wapipeline.worker.call;

import static io.wapipeline.worker.CallWebhooks.BUSINESS_NUMBER;
import static io.wapipeline.worker.CallWebhooks.callStatus;
import static io.wapipeline.worker.CallWebhooks.calls;
import static io.wapipeline.worker.CallWebhooks.connect;
import static io.wapipeline.worker.CallWebhooks.terminate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * Calls go through Kafka into their own tables: each call's row is the same whatever order its reports come in and
 * however often, its reports are kept once each, and call statuses never become message statuses.
 */
class CallStorageTest extends WorkerIntegrationTest {

    private static final long T = 1_778_100_000L;
    private static final String USER = "USER_INITIATED";
    private static final String BUSINESS = "BUSINESS_INITIATED";

    /** Every column of a call but its keys and when it was last written. */
    private static final String CALL = """
            SELECT waba_id, phone_number_id, contact_id, customer_wa_id, customer_user_id, direction, from_number, to_number,
                   status, extract(epoch FROM status_at)::bigint AS status_at, status_rank,
                   extract(epoch FROM started_at)::bigint AS started_at, extract(epoch FROM ended_at)::bigint AS ended_at,
                   duration_seconds, extract(epoch FROM first_event_at)::bigint AS first_event_at,
                   extract(epoch FROM last_event_at)::bigint AS last_event_at, biz_opaque_callback_data, errors
              FROM whatsapp_call WHERE call_id = ?""";

    private static final String EVENTS = """
            SELECT event || ' ' || COALESCE(status, '-') || ' ' || extract(epoch FROM timestamp)::bigint
              FROM whatsapp_call_event WHERE call_id = ? ORDER BY timestamp, event, status""";

    @Test
    void connectThenTerminateAndTerminateThenConnectGiveTheSameCallRow() {
        String business = "PN-CALLS-" + UUID.randomUUID();
        String customer = customer();
        String inOrder = callId("in-order");
        String reversed = callId("reversed");
        String together = callId("together");

        publishAndAwait(business, customer, List.of(connect(inOrder, customer, USER, T)), List.of(), inOrder, 1);
        publishAndAwait(business, customer, List.of(terminate(inOrder, customer, USER, T + 130, "COMPLETED", T + 5, 120)),
                List.of(), inOrder, 2);
        publishAndAwait(business, customer, List.of(terminate(reversed, customer, USER, T + 130, "COMPLETED", T + 5, 120)),
                List.of(), reversed, 1);
        publishAndAwait(business, customer, List.of(connect(reversed, customer, USER, T)), List.of(), reversed, 2);
        String twice = terminate(together, customer, USER, T + 130, "COMPLETED", T + 5, 120);
        publishAndAwait(business, customer, List.of(twice, connect(together, customer, USER, T), twice), List.of(), together, 2);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("waba_id", "WABA-CALLS");
        expected.put("phone_number_id", business);
        expected.put("contact_id", customer);
        expected.put("customer_wa_id", customer);
        expected.put("customer_user_id", "BR." + customer);
        expected.put("direction", USER);
        expected.put("from_number", customer);
        expected.put("to_number", BUSINESS_NUMBER);
        expected.put("status", "COMPLETED");
        expected.put("status_at", T + 130);
        expected.put("status_rank", 3);
        expected.put("started_at", T + 5);
        expected.put("ended_at", T + 125);
        expected.put("duration_seconds", 120L);
        expected.put("first_event_at", T);
        expected.put("last_event_at", T + 130);
        expected.put("biz_opaque_callback_data", "ticket-42");
        expected.put("errors", null);
        assertThat(row(CALL, inOrder)).containsExactlyEntriesOf(expected);
        assertThat(row(CALL, reversed)).containsExactlyEntriesOf(expected);
        assertThat(row(CALL, together)).as("its reports in one webhook, the terminate twice").containsExactlyEntriesOf(expected);
        for (String callId : List.of(inOrder, reversed, together)) {
            assertThat(events(callId)).containsExactly("connect - " + T, "terminate COMPLETED " + (T + 130));
        }
    }

    @Test
    void callStatusesAreCallEventsAndNeverMessageStatuses() {
        String business = "PN-CALLS-" + UUID.randomUUID();
        String customer = customer();
        String rung = callId("rung");
        String rejected = callId("rejected");
        String typedOnly = "CALL-" + UUID.randomUUID();

        publishAndAwait(business, customer, List.of(), List.of(callStatus(rung, "RINGING", T, customer),
                callStatus(rung, "ACCEPTED", T + 4, customer)), rung, 2);
        publishAndAwait(business, customer, List.of(connect(rung, customer, BUSINESS, T + 4),
                terminate(rung, customer, BUSINESS, T + 64, "COMPLETED", T + 4, 60)), List.of(), rung, 4);
        publish(Webhooks.envelope(List.of(Webhooks.entry("WABA-CALLS", List.of(Webhooks.change(List.of(), List.of("""
                {"id":"%s","timestamp":"%d","status":"REJECTED","recipient_id":"%s"}""".formatted(rejected, T, customer))))))));
        publishAndAwait(business, customer, List.of(), List.of(callStatus(typedOnly, "RINGING", T, customer)), typedOnly, 1);
        await().atMost(WAIT).until(() -> events(rejected).size() == 1);

        assertThat(events(rung)).containsExactly("status RINGING " + T, "connect - " + (T + 4), "status ACCEPTED " + (T + 4),
                "terminate COMPLETED " + (T + 64));
        assertThat(events(rejected)).as("a wacid. status in a messages change").containsExactly("status REJECTED " + T);
        assertThat(events(typedOnly)).as("a status of type call").containsExactly("status RINGING " + T);
        assertThat(count("SELECT count(*) FROM whatsapp_message_status WHERE message_id IN (?, ?, ?)", rung, rejected, typedOnly))
                .isZero();
        assertThat(count("SELECT count(*) FROM whatsapp_message_status WHERE recipient_id = ?", customer)).isZero();
        assertThat(row(CALL, rung)).containsEntry("status", "COMPLETED").containsEntry("direction", BUSINESS)
                .containsEntry("contact_id", customer).containsEntry("from_number", BUSINESS_NUMBER)
                .containsEntry("to_number", customer).containsEntry("first_event_at", T).containsEntry("last_event_at", T + 64);
        assertThat(row(CALL, rejected)).containsEntry("status", "REJECTED").containsEntry("status_rank", 2)
                .containsEntry("phone_number_id", Webhooks.BUSINESS).containsEntry("contact_id", customer)
                .containsEntry("customer_user_id", null).containsEntry("direction", null);
    }

    @Test
    void aStatusReportedInTheSameSecondWinsByItsPlaceInTheCallWhateverTheOrder() {
        String business = "PN-CALLS-" + UUID.randomUUID();
        String customer = customer();
        String acceptedFirst = callId("accepted-first");
        String ringingFirst = callId("ringing-first");

        publishAndAwait(business, customer, List.of(), List.of(callStatus(acceptedFirst, "ACCEPTED", T, customer)), acceptedFirst, 1);
        publishAndAwait(business, customer, List.of(), List.of(callStatus(acceptedFirst, "RINGING", T, customer)), acceptedFirst, 2);
        publishAndAwait(business, customer, List.of(), List.of(callStatus(ringingFirst, "RINGING", T, customer)), ringingFirst, 1);
        publishAndAwait(business, customer, List.of(), List.of(callStatus(ringingFirst, "ACCEPTED", T, customer)), ringingFirst, 2);

        assertThat(row(CALL, acceptedFirst)).containsEntry("status", "ACCEPTED").containsEntry("status_at", T)
                .containsEntry("status_rank", 2).isEqualTo(row(CALL, ringingFirst));
    }

    @Test
    void redeliveryChangesNothing() {
        String business = "PN-CALLS-" + UUID.randomUUID();
        String customer = customer();
        String call = callId("redelivered");
        String connect = calls(business, customer, "BR." + customer, List.of(connect(call, customer, USER, T)),
                List.of(callStatus(call, "RINGING", T, customer)));
        String terminate = calls(business, customer, "BR." + customer,
                List.of(terminate(call, customer, USER, T + 30, "COMPLETED", T + 2, 28)), List.of());
        publish(connect);
        publish(terminate);
        await().atMost(WAIT).until(() -> events(call).size() == 3);
        Map<String, Object> stored = row("SELECT * FROM whatsapp_call WHERE call_id = ?", call);
        List<Map<String, Object>> storedEvents = jdbc.sql("SELECT * FROM whatsapp_call_event WHERE call_id = ? ORDER BY event")
                .param(call).query().listOfRows();

        publish(terminate);
        publish(connect);
        String marker = callId("marker");
        publishAndAwait(business, customer, List.of(connect(marker, customer, USER, T)), List.of(), marker, 1);

        assertThat(row("SELECT * FROM whatsapp_call WHERE call_id = ?", call)).as("updated_at included")
                .containsExactlyEntriesOf(stored);
        assertThat(jdbc.sql("SELECT * FROM whatsapp_call_event WHERE call_id = ? ORDER BY event").param(call).query().listOfRows())
                .as("the first delivery's records").isEqualTo(storedEvents);
    }

    @Test
    void aCallIdTooLongToIndexIsKeptApartWithItsReasonAndItsNeighbourIsStored() {
        String business = "PN-CALLS-" + UUID.randomUUID();
        String customer = customer();
        String longId = "wacid." + "L".repeat(600);
        String neighbour = callId("neighbour");

        var record = publish(calls(business, customer, "BR." + customer, List.of(connect(longId, customer, USER, T),
                connect(neighbour, customer, USER, T)), List.of()));

        await().atMost(WAIT).until(() -> events(neighbour).size() == 1);
        assertThat(jdbc.sql("""
                SELECT field || ': ' || reason FROM whatsapp_event
                 WHERE kind = 'unreadable' AND source_partition = ? AND source_offset = ?""")
                .params(record.partition(), record.offset()).query(String.class).list())
                .containsExactly("calls: call id is 606 bytes long; at most 512 can be stored");
        assertThat(count("SELECT count(*) FROM whatsapp_call WHERE call_id = ?", longId)).isZero();
    }

    private void publishAndAwait(String business, String customer, List<String> callItems, List<String> statuses, String callId,
            int events) {
        publish(calls(business, customer, "BR." + customer, callItems, statuses));
        await().atMost(WAIT).until(() -> events(callId).size() == events);
    }

    private List<String> events(String callId) {
        return jdbc.sql(EVENTS).param(callId).query(String.class).list();
    }

    private static String callId(String name) {
        return "wacid.storage-" + name + "-" + UUID.randomUUID();
    }

    private static String customer() {
        return "5521" + ThreadLocalRandom.current().nextLong(10_000_000L, 100_000_000L);
    }
}
