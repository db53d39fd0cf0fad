package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

class StatusOrderTest extends WorkerIntegrationTest {

    private static final int ORDERS = 8;
    private static final long T = 1_749_416_000L;

    /** One outbound message's statuses: failure on one device, success on another, and duplicates. */
    private static List<String> sequence(String messageId) {
        String to = "5511900000777";
        return List.of(
                Webhooks.statusItem(messageId, "sent", to, T),
                Webhooks.statusItem(messageId, "sent", to, T),
                Webhooks.statusItem(messageId, "delivered", to, T + 5),
                Webhooks.statusItem(messageId, "delivered", to, T + 9),
                Webhooks.statusItem(messageId, "read", to, T + 20),
                Webhooks.statusItem(messageId, "played", to, T + 30),
                """
                {"id":"%s","status":"failed","timestamp":"%d","recipient_id":"%s","errors":[{"code":131026,"title":"Message undeliverable"}]}"""
                        .formatted(messageId, T + 7, to));
    }

    @Test
    void statusesInAnyOrderLeaveTheSameRows() {
        Random random = new Random(20261124);
        List<String> messageIds = new ArrayList<>();
        for (int order = 0; order < ORDERS; order++) {
            String messageId = "wamid.ORDER-" + order;
            messageIds.add(messageId);
            List<String> shuffled = new ArrayList<>(sequence(messageId));
            Collections.shuffle(shuffled, random);
            if (order % 2 == 0) {
                shuffled.forEach(status -> publish(Webhooks.statuses(List.of(status))));
            }
            else {
                publish(Webhooks.statuses(shuffled));
            }
        }

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id LIKE 'wamid.ORDER-%'") == 5L * ORDERS);
        List<String> histories = messageIds.stream().map(this::history).toList();
        List<String> currents = messageIds.stream().map(this::current).toList();
        assertThat(histories).allSatisfy(history -> assertThat(history).isEqualTo(histories.get(0)));
        assertThat(currents).allSatisfy(current -> assertThat(current).isEqualTo(currents.get(0)));
        assertThat(histories.get(0)).isEqualTo(
                "sent@2025-06-08T20:53:20Z;failed@2025-06-08T20:53:27Z[131026];delivered@2025-06-08T20:53:25Z;read@2025-06-08T20:53:40Z;played@2025-06-08T20:53:50Z");
        assertThat(currents.get(0)).isEqualTo("played@2025-06-08T20:53:50Z failed_at=2025-06-08T20:53:27Z");
    }

    @Test
    void lateSentDoesNotHideFailureOrDelivery() {
        publish(Webhooks.statuses(List.of(Webhooks.statusItem("wamid.LATE-1", "failed", "5511900000778", T + 10))));
        publish(Webhooks.statuses(List.of(Webhooks.statusItem("wamid.LATE-2", "delivered", "5511900000778", T + 10))));
        publish(Webhooks.statuses(List.of(Webhooks.statusItem("wamid.LATE-1", "sent", "5511900000778", T))));
        publish(Webhooks.statuses(List.of(Webhooks.statusItem("wamid.LATE-2", "sent", "5511900000778", T))));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id LIKE 'wamid.LATE-%'") == 4);
        assertThat(row("SELECT status FROM whatsapp_message_current_status WHERE message_id = ?", "wamid.LATE-1")).containsEntry("status", "failed");
        assertThat(row("SELECT status FROM whatsapp_message_current_status WHERE message_id = ?", "wamid.LATE-2")).containsEntry("status", "delivered");
    }

    private String history(String messageId) {
        return jdbc.sql("""
                SELECT status, timestamp, recipient_id, errors->0->>'code' AS code
                FROM whatsapp_message_status WHERE message_id = ? ORDER BY status_rank""")
                .param(messageId).query().listOfRows().stream().map(StatusOrderTest::describe).collect(Collectors.joining(";"));
    }

    private String current(String messageId) {
        Map<String, Object> row = row("SELECT status, status_at, failed_at FROM whatsapp_message_current_status WHERE message_id = ?", messageId);
        return row.get("status") + "@" + instant(row.get("status_at")) + " failed_at=" + instant(row.get("failed_at"));
    }

    private static String describe(Map<String, Object> row) {
        return row.get("status") + "@" + instant(row.get("timestamp")) + (row.get("code") == null ? "" : "[" + row.get("code") + "]");
    }

    private static String instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant().toString();
    }
}
