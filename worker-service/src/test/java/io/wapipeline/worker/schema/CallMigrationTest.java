package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migration V9 moves the calls stored before it: call statuses out of {@code whatsapp_message_status}, and the
 * {@code calls[]} items of the {@code calls} changes kept in {@code whatsapp_event}, into {@code whatsapp_call_event}
 * and {@code whatsapp_call}, field by field as the worker would have stored them. A database at V7 gets rows as
 * the worker wrote them then, and is migrated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallMigrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long T = 1_778_000_800L;

    private static final String CONTACTS = """
            [{"profile":{"name":"Other"},"wa_id":"5511900000002","user_id":"BR.OTHER"},
             {"profile":{"name":"Rafa"},"wa_id":"5511900000001","user_id":"BR.RAFA"}]""";
    private static final String METADATA = """
            {"display_phone_number":"15550001111","phone_number_id":"PN-MIG"}""";
    private static final String CONNECT_1 = """
            {"id":"wacid.MIG-1","from":"5511900000001","to":"15550001111","event":"connect","timestamp":"1778000800",
             "direction":"USER_INITIATED","session":{"sdp":"v=0","sdp_type":"offer"}}""";
    private static final String TERMINATE_1 = """
            {"id":"wacid.MIG-1","from":"5511900000001","to":"15550001111","event":"terminate","timestamp":"1778000930",
             "direction":"USER_INITIATED","status":"COMPLETED","start_time":"1778000805","end_time":"1778000925",
             "duration":120,"biz_opaque_callback_data":"ticket-9"}""";
    /** No direction: the customer is the number that is not the business's. A time as a JSON number. */
    private static final String CONNECT_2 = """
            {"id":"wacid.MIG-2","from":"15550001111","to":"5511900000003","event":"connect","timestamp":1778000700}""";
    private static final String TERMINATE_2 = """
            {"id":"wacid.MIG-2","from":"15550001111","to":"5511900000003","event":"terminate","status":"FAILED",
             "timestamp":"1778000760","errors":[{"code":131000,"title":"Something went wrong"}]}""";
    /** A time that is no number: the receive time stands in, as the worker does. */
    private static final String CONNECT_3 = """
            {"id":"wacid.MIG-3","from":"15550001111","to":"5511900000004","event":"connect","timestamp":"TIMESTAMP",
             "direction":"BUSINESS_INITIATED"}""";
    private static final String NO_ID = """
            {"from":"5511900000001","event":"connect","timestamp":"1778000800"}""";
    private static final String RINGING_2 = """
            {"id":"wacid.MIG-2","timestamp":"1778000690","type":"call","status":"RINGING","recipient_id":"5511900000003"}""";
    private static final String ACCEPTED_2 = """
            {"id":"wacid.MIG-2","timestamp":"1778000700","type":"call","status":"ACCEPTED","recipient_id":"5511900000003"}""";
    private static final String REJECTED_TYPED = """
            {"id":"CALL-WITHOUT-PREFIX","timestamp":"1778000500","type":"call","status":"REJECTED",
             "recipient_user_id":"US.ONLY","biz_opaque_callback_data":"cb-1"}""";
    private static final String RINGING_4 = """
            {"id":"wacid.MIG-4","timestamp":"1778000400","status":"RINGING","recipient_id":"5511900000005"}""";
    private static final String DELIVERED = """
            {"id":"wamid.STAYS","timestamp":"1778000400","status":"delivered","recipient_id":"5511900000005"}""";

    private JdbcClient jdbc;

    @BeforeAll
    void storeRowsAtV7AndMigrate() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("7").load().migrate();
        jdbc = JdbcClient.create(database);
        event("k1", "change", change(CONTACTS, CONNECT_1, TERMINATE_1, NO_ID), 1, 100, T + 200);
        event("k2", "change", change(null, CONNECT_1), 2, 5, T + 300);
        event("k3", "change", change(null, CONNECT_2, TERMINATE_2, CONNECT_3), 3, 9, T + 400);
        event("k4", "error", "{\"code\":131000,\"title\":\"Something went wrong\"}", 3, 9, T + 400);
        event("k5", "change", "{\"metadata\":" + METADATA + ",\"statuses\":[" + RINGING_2 + "]}", 3, 7, T + 100);
        status("wacid.MIG-2", "RINGING", T - 110, "5511900000003", null, null, RINGING_2, 3, 7);
        status("wacid.MIG-2", "ACCEPTED", T - 100, "5511900000003", null, null, ACCEPTED_2, 3, 8);
        status("CALL-WITHOUT-PREFIX", "REJECTED", T - 300, null, "US.ONLY", "cb-1", REJECTED_TYPED, 4, 1);
        status("wacid.MIG-4", "RINGING", T - 400, "5511900000005", null, null, RINGING_4, 4, 2);
        status("wamid.STAYS", "delivered", T - 400, "5511900000005", null, null, DELIVERED, 4, 3);

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @Test
    void everyCallReportBecomesOneCallEventAndTheDuplicateConnectOnlyOnce() {
        List<Map<String, Object>> events = jdbc.sql("""
                SELECT call_id, event, status, extract(epoch FROM timestamp)::bigint AS at, raw_payload::text AS raw,
                       source_partition, source_offset, extract(epoch FROM received_at)::bigint AS received
                  FROM whatsapp_call_event ORDER BY call_id, event, status""").query().listOfRows();

        assertThat(events).hasSize(9);
        assertThat(events.stream().map(CallMigrationTest::readable).toList()).containsExactly(
                callEvent("CALL-WITHOUT-PREFIX", "status", "REJECTED", T - 300, REJECTED_TYPED, 4, 1, T - 300),
                callEvent("wacid.MIG-1", "connect", null, T, CONNECT_1, 1, 100, T + 200),
                callEvent("wacid.MIG-1", "terminate", "COMPLETED", T + 130, TERMINATE_1, 1, 100, T + 200),
                callEvent("wacid.MIG-2", "connect", null, T - 100, CONNECT_2, 3, 9, T + 400),
                callEvent("wacid.MIG-2", "status", "ACCEPTED", T - 100, ACCEPTED_2, 3, 8, T - 100),
                callEvent("wacid.MIG-2", "status", "RINGING", T - 110, RINGING_2, 3, 7, T - 110),
                callEvent("wacid.MIG-2", "terminate", "FAILED", T - 40, TERMINATE_2, 3, 9, T + 400),
                callEvent("wacid.MIG-3", "connect", null, T + 400, CONNECT_3, 3, 9, T + 400),
                callEvent("wacid.MIG-4", "status", "RINGING", T - 400, RINGING_4, 4, 2, T - 400));
    }

    @Test
    void eachCallIsMergedFromAllItsReports() {
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT call_id, waba_id, phone_number_id, contact_id, customer_wa_id, customer_user_id, direction, from_number,
                       to_number, status, extract(epoch FROM status_at)::bigint AS status_at, status_rank,
                       extract(epoch FROM started_at)::bigint AS started_at, extract(epoch FROM ended_at)::bigint AS ended_at,
                       duration_seconds, extract(epoch FROM first_event_at)::bigint AS first_event_at,
                       extract(epoch FROM last_event_at)::bigint AS last_event_at, biz_opaque_callback_data, errors::text AS errors
                  FROM whatsapp_call ORDER BY call_id""").query().listOfRows()
                .forEach(row -> calls.put((String) row.get("call_id"), row));

        assertThat(calls).containsOnlyKeys("CALL-WITHOUT-PREFIX", "wacid.MIG-1", "wacid.MIG-2", "wacid.MIG-3", "wacid.MIG-4");
        assertThat(calls.get("wacid.MIG-1")).containsExactlyInAnyOrderEntriesOf(call("wacid.MIG-1", "WABA-MIG", "PN-MIG",
                "5511900000001", "5511900000001", "BR.RAFA", "USER_INITIATED", "5511900000001", "15550001111", "COMPLETED",
                T + 130, 3, T + 5, T + 125, 120L, T, T + 130, "ticket-9", null));
        assertThat(calls.get("wacid.MIG-2")).as("the terminate's FAILED is the latest status; the errors are the terminate's")
                .containsExactlyInAnyOrderEntriesOf(call("wacid.MIG-2", "WABA-MIG", "PN-MIG", "5511900000003",
                        "5511900000003", null, null, "15550001111", "5511900000003", "FAILED", T - 40, 3, null, null, null,
                        T - 110, T - 40, null, "[{\"code\": 131000, \"title\": \"Something went wrong\"}]"));
        assertThat(calls.get("wacid.MIG-3")).as("business-initiated: the customer is the called number")
                .containsExactlyInAnyOrderEntriesOf(call("wacid.MIG-3", "WABA-MIG", "PN-MIG", "5511900000004",
                        "5511900000004", null, "BUSINESS_INITIATED", "15550001111", "5511900000004", null, null, null, null,
                        null, null, T + 400, T + 400, null, null));
        assertThat(calls.get("CALL-WITHOUT-PREFIX")).as("a call status known by its type; the customer by its user id")
                .containsExactlyInAnyOrderEntriesOf(call("CALL-WITHOUT-PREFIX", "WABA-MIG", "PN-MIG", "US.ONLY", null,
                        "US.ONLY", null, null, null, "REJECTED", T - 300, 2, null, null, null, T - 300, T - 300, "cb-1", null));
        assertThat(calls.get("wacid.MIG-4")).as("a call status known by its wacid. id")
                .containsExactlyInAnyOrderEntriesOf(call("wacid.MIG-4", "WABA-MIG", "PN-MIG", "5511900000005",
                        "5511900000005", null, null, null, "5511900000005", "RINGING", T - 400, 1, null, null, null, T - 400,
                        T - 400, null, null));
    }

    @Test
    void callStatusesLeaveTheStatusTableAndTheEventsStay() {
        assertThat(jdbc.sql("SELECT message_id || ' ' || status FROM whatsapp_message_status").query(String.class).list())
                .containsExactly("wamid.STAYS delivered");
        assertThat(jdbc.sql("SELECT event_key FROM whatsapp_event ORDER BY event_key").query(String.class).list())
                .as("the changes as they came, kept").containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(jdbc.sql("SELECT count(*) FROM whatsapp_call_event").query(Long.class).single())
                .as("the 4 call statuses moved and the 5 distinct calls[] items").isEqualTo(4L + 5L);
    }

    private static String change(String contacts, String... calls) {
        return "{\"messaging_product\":\"whatsapp\",\"metadata\":" + METADATA + (contacts == null ? "" : ",\"contacts\":" + contacts)
                + ",\"calls\":[" + String.join(",", calls) + "]}";
    }

    private void event(String key, String kind, String payload, int partition, long offset, long receivedAt) {
        jdbc.sql("""
                INSERT INTO whatsapp_event (event_key, kind, field, waba_id, phone_number_id, event_time, payload,
                                            source_partition, source_offset, received_at)
                VALUES (?, ?, 'calls', 'WABA-MIG', 'PN-MIG', to_timestamp(?), ?::jsonb, ?, ?, to_timestamp(?))""")
                .params(key, kind, T, payload, partition, offset, receivedAt).update();
    }

    private void status(String id, String status, long at, String recipient, String recipientUserId, String callback,
            String raw, int partition, long offset) {
        jdbc.sql("""
                INSERT INTO whatsapp_message_status (message_id, status, status_rank, timestamp, waba_id, phone_number_id,
                                                     recipient_id, recipient_user_id, biz_opaque_callback_data, raw_payload,
                                                     source_partition, source_offset, received_at)
                VALUES (?, ?, ?, to_timestamp(?), 'WABA-MIG', 'PN-MIG', ?, ?, ?, ?::jsonb, ?, ?, to_timestamp(?))""")
                .params(id, status, "delivered".equals(status) ? 3 : 0, at, recipient, recipientUserId, callback, raw, partition,
                        offset, at)
                .update();
    }

    /** A call event row with its raw payload as a JSON tree, so that key order and spacing do not matter. */
    private static Map<String, Object> readable(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put("raw", JSON.readTree((String) row.get("raw")));
        return copy;
    }

    private static Map<String, Object> callEvent(String callId, String event, String status, long at, String raw, int partition,
            long offset, long receivedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("call_id", callId);
        row.put("event", event);
        row.put("status", status);
        row.put("at", at);
        row.put("raw", JSON.readTree(raw));
        row.put("source_partition", partition);
        row.put("source_offset", offset);
        row.put("received", receivedAt);
        return row;
    }

    private static Map<String, Object> call(String callId, String wabaId, String phoneNumberId, String contactId, String waId,
            String userId, String direction, String from, String to, String status, Long statusAt, Integer statusRank,
            Long startedAt, Long endedAt, Long duration, long first, long last, String callback, String errors) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("call_id", callId);
        row.put("waba_id", wabaId);
        row.put("phone_number_id", phoneNumberId);
        row.put("contact_id", contactId);
        row.put("customer_wa_id", waId);
        row.put("customer_user_id", userId);
        row.put("direction", direction);
        row.put("from_number", from);
        row.put("to_number", to);
        row.put("status", status);
        row.put("status_at", statusAt);
        row.put("status_rank", statusRank);
        row.put("started_at", startedAt);
        row.put("ended_at", endedAt);
        row.put("duration_seconds", duration);
        row.put("first_event_at", first);
        row.put("last_event_at", last);
        row.put("biz_opaque_callback_data", callback);
        row.put("errors", errors);
        return row;
    }
}
