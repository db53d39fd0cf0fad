package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.testsupport.TcpProxy;
import io.wapipeline.testsupport.TestPostgres;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerInstance;
import io.wapipeline.worker.WorkerIntegrationTest;

/** The worker reaches its database through a proxy the test cuts off in the middle of a stream of webhooks. */
class DatabaseOutageTest {

    private static final int MESSAGES = 120;

    @Test
    void databaseOutageMidStreamLosesAndDoublesNothing() {
        String database = TestPostgres.createDatabase();
        try (TcpProxy proxy = TcpProxy.to(TestPostgres.port());
                WorkerInstance worker = WorkerInstance.start(TestPostgres.jdbcUrl(database, proxy.port()),
                        "outage-" + UUID.randomUUID(), "spring.datasource.hikari.connection-timeout=1000")) {
            JdbcClient direct = WorkerInstance.start(TestPostgres.jdbcUrl(database, TestPostgres.port()), "unused-" + UUID.randomUUID(),
                    "whatsapp.worker.consume=false").jdbc();
            MeterRegistry meters = worker.bean(MeterRegistry.class);
            publishRange(0, MESSAGES / 2);
            await().atMost(WorkerIntegrationTest.WAIT_TIME).until(() -> stored(direct) > 0);

            proxy.cutOff();
            publishRange(MESSAGES / 2, MESSAGES);
            await().atMost(WorkerIntegrationTest.WAIT_TIME).until(() -> meters.get("whatsapp.worker.batch.retries").counter().count() >= 2);
            long storedDuringOutage = stored(direct);
            proxy.restore();

            await().atMost(WorkerIntegrationTest.WAIT_TIME).until(() -> stored(direct) == MESSAGES);
            assertThat(storedDuringOutage).isLessThan(MESSAGES);
            assertThat(direct.sql("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.OUTAGE-%'").query(Long.class).single())
                    .isEqualTo(MESSAGES);
            assertThat(direct.sql("SELECT message_count FROM whatsapp_conversation WHERE contact_id = '5511900000999'").query(Long.class).single())
                    .isEqualTo(MESSAGES);
            assertThat(meters.get("whatsapp.worker.records").tag("outcome", "dead_lettered").counter().count()).isZero();
        }
    }

    private static void publishRange(int from, int to) {
        for (int n = from; n < to; n++) {
            WorkerIntegrationTest.publishRecord(Webhooks.text("wamid.OUTAGE-" + n, "5511900000999", "n" + n, 1749416000L + n));
        }
    }

    private static long stored(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.OUTAGE-%'").query(Long.class).single();
    }

}
