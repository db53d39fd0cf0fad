package io.wapipeline.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.GroupLag;
import io.wapipeline.ops.Environment;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;
import io.wapipeline.stack.ServiceProcess;
import io.wapipeline.stack.StackSettings;
import io.wapipeline.testsupport.TopicRecords;

/**
 * A 200 survives a restart of the local stack, as in production: webhooks accepted while the worker is stopped are
 * stored, exactly once, after the stack stops and starts again, and the dead letters and the group's offsets are
 * still there. A second worker started from nothing but {@code stack.env} joins the group and downloads media.
 */
class StackRestartTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target/restart-home").toAbsolutePath();

    @Test
    void webhooksAcceptedWithTheWorkerStoppedAreStoredOnceAfterARestartAndASecondWorkerFromStackEnvDownloadsMedia()
            throws Exception {
        int kafkaPort = freePort();
        long lagAtStop;
        long dlqBefore;
        try (LocalStack first = LocalStack.start(settings(true, kafkaPort))) {
            StackTraffic traffic = traffic(first);
            for (int n = 0; n < 5; n++) {
                assertThat(traffic.post(StackTraffic.text("wamid.RESTART-" + n, "5511955500001"))).isEqualTo(200);
            }
            assertThat(traffic.post("this is {not json")).isEqualTo(200);
            await().atMost(WAIT).until(() -> traffic.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.RESTART-%'") == 5);
            await().atMost(WAIT).until(() -> deadLetters(first) == 1);

            first.stop(Service.WORKER);
            for (int n = 5; n < 25; n++) {
                assertThat(traffic.post(StackTraffic.text("wamid.RESTART-" + n, "5511955500001"))).isEqualTo(200);
            }
            lagAtStop = lag(first).lag();
            dlqBefore = deadLetters(first);
        }
        assertThat(lagAtStop).isEqualTo(20);

        try (LocalStack again = LocalStack.start(settings(false, kafkaPort))) {
            StackTraffic traffic = traffic(again);
            await().atMost(WAIT).until(() -> traffic.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.RESTART-%'") == 25);
            await().atMost(WAIT).until(() -> lag(again).lag() == 0);
            assertThat(traffic.count("SELECT message_count FROM whatsapp_conversation WHERE contact_id = '5511955500001'")).isEqualTo(25);
            assertThat(lag(again).records()).as("raw records kept across the restart").isEqualTo(26);
            assertThat(deadLetters(again)).as("dead letters kept across the restart").isEqualTo(dlqBefore).isEqualTo(1);

            again.stop(Service.WORKER);
            try (ServiceProcess second = workerFromStackEnv()) {
                second.awaitHealthy(WAIT);
                assertThat(traffic.post(StackTraffic.image("wamid.RESTART-MEDIA", "5511955500002", "MEDIA-RESTART-1"))).isEqualTo(200);
                await().atMost(WAIT).until(() -> traffic.count(
                        "SELECT count(*) FROM whatsapp_media WHERE media_id = 'MEDIA-RESTART-1' AND state = 'stored'") == 1);
            }
        }
    }

    /** A worker with the stack's settings and nothing else: {@code set -a; . stack.env; set +a; java -jar worker.jar}. */
    private static ServiceProcess workerFromStackEnv() throws IOException {
        Map<String, String> environment = new HashMap<>();
        Environment.dotEnv(HOME.resolve("stack.env")).forEach((name, value) -> environment.put((String) name, (String) value));
        Path jar;
        try (var files = Files.list(REPOSITORY.resolve("worker-service/target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("worker-service-.*\\.jar")).findFirst().orElseThrow();
        }
        return ServiceProcess.start("second worker", jar, freePort(), environment, List.of(), HOME.resolve("run/second"),
                HOME.resolve("logs/second-worker.log"), "/actuator/health");
    }

    private static StackSettings settings(boolean reset, int kafkaPort) {
        return new StackSettings(REPOSITORY, HOME, reset, Optional.empty(), Optional.empty(), kafkaPort, 0, 0, 0,
                EnumSet.allOf(Service.class));
    }

    private static StackTraffic traffic(LocalStack stack) {
        return new StackTraffic(stack.ingestUrl(), stack.secrets().appSecret(), stack.databaseUrl());
    }

    private static GroupLag lag(LocalStack stack) throws Exception {
        try (Admin admin = Admin.create(stack.kafkaClientProperties())) {
            return GroupLag.of(admin, WebhookTopics.DEFAULT_WORKER_GROUP, WebhookTopics.RAW);
        }
    }

    private static long deadLetters(LocalStack stack) {
        Map<TopicPartition, Long> ends = TopicRecords.endOffsets(stack.kafkaClientProperties(), WebhookTopics.DEAD_LETTER);
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
