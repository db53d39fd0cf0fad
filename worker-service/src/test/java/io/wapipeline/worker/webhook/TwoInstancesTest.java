package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.testsupport.TestPostgres;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerInstance;
import io.wapipeline.worker.WorkerIntegrationTest;

/** Two worker instances in one consumer group share the partitions; together they store everything once. */
class TwoInstancesTest {

    private static final int MESSAGES = 300;
    private static final int CONTACTS = 30;

    @Test
    void twoInstancesInOneGroupStoreEveryMessageOnce() {
        String database = TestPostgres.newDatabase();
        String group = "two-instances-" + UUID.randomUUID();
        try (WorkerInstance first = WorkerInstance.start(database, group);
                WorkerInstance second = WorkerInstance.start(database, group)) {
            await().atMost(WorkerIntegrationTest.WAIT_TIME)
                    .until(() -> first.assignedPartitions() > 0 && second.assignedPartitions() > 0
                            && first.assignedPartitions() + second.assignedPartitions() == WebhookTopics.DEFAULT_PARTITIONS);

            for (int n = 0; n < MESSAGES; n++) {
                String contact = "55119300" + String.format("%04d", n % CONTACTS);
                WorkerIntegrationTest.publishRecord(Webhooks.text("wamid.TWO-" + n, contact, "n" + n, 1749416000L + n));
                if (n % 3 == 0) {
                    WorkerIntegrationTest.publishRecord(Webhooks.text("wamid.TWO-" + n, contact, "n" + n, 1749416000L + n));
                }
            }

            JdbcClient jdbc = first.jdbc();
            await().atMost(WorkerIntegrationTest.WAIT_TIME).until(() -> count(jdbc, "SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.TWO-%'") == MESSAGES);
            await().atMost(WorkerIntegrationTest.WAIT_TIME).until(() -> count(jdbc, "SELECT sum(message_count) FROM whatsapp_conversation WHERE contact_id LIKE '55119300%'") == MESSAGES);
            assertThat(count(jdbc, "SELECT count(*) FROM whatsapp_conversation WHERE contact_id LIKE '55119300%'")).isEqualTo(CONTACTS);
            assertThat(count(jdbc, "SELECT min(message_count) FROM whatsapp_conversation WHERE contact_id LIKE '55119300%'")).isEqualTo(MESSAGES / CONTACTS);
            assertThat(newMessages(first)).isPositive();
            assertThat(newMessages(second)).isPositive();
            // The shared broker's topic also holds other tests' records, which these instances store too: every row of
            // this fresh database must have been counted new exactly once, by one instance or the other.
            // (awaited: a batch's rows are visible a moment before its counter moves)
            await().atMost(WorkerIntegrationTest.WAIT_TIME).untilAsserted(() -> assertThat(newMessages(first) + newMessages(second))
                    .isEqualTo((double) count(jdbc, "SELECT count(*) FROM whatsapp_message")));
        }
    }

    private static double newMessages(WorkerInstance worker) {
        return worker.bean(MeterRegistry.class).get("whatsapp.worker.messages").tag("result", "new").counter().count();
    }

    private static long count(JdbcClient jdbc, String sql) {
        Long value = jdbc.sql(sql).query(Long.class).single();
        return value == null ? 0 : value;
    }
}
