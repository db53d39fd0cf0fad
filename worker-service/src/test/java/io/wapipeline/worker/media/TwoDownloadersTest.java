package io.wapipeline.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.wapipeline.stackkit.FakeGraphApi;
import io.wapipeline.testsupport.TestPostgres;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerInstance;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * Two instances with downloads on, sharing one database: every file is fetched once. They get a fake Graph API of
 * their own, since other test contexts in this JVM consume the same topic into their own databases and download too.
 */
class TwoDownloadersTest {

    private static final int FILES = 24;

    @Test
    void twoInstancesFetchEachFileOnce() {
        String database = TestPostgres.newDatabase();
        String group = "downloaders-" + UUID.randomUUID();
        try (FakeGraphApi graph = FakeGraphApi.start(WorkerIntegrationTest.GRAPH_TOKEN)) {
            fetchEachFileOnce(database, group, graph);
        }
    }

    private static void fetchEachFileOnce(String database, String group, FakeGraphApi graph) {
        String[] settings = MediaIntegrationTest.FAKE_GRAPH_SETTINGS.entrySet().stream()
                .map(e -> e.getKey() + "=" + ("WHATSAPP_GRAPH_API_URL".equals(e.getKey()) ? graph.baseUrl() : e.getValue()))
                .toArray(String[]::new);
        try (WorkerInstance first = WorkerInstance.start(database, group, settings);
                WorkerInstance second = WorkerInstance.start(database, group, settings)) {
            List<String> mediaIds = new ArrayList<>();
            for (int n = 0; n < FILES; n++) {
                String mediaId = "two-" + UUID.randomUUID();
                mediaIds.add(mediaId);
                byte[] content = MediaIntegrationTest.content(mediaId, 20_000);
                graph.addMedia(mediaId, content, "image/jpeg");
                WorkerIntegrationTest.publishRecord(Webhooks.media("image", "wamid." + mediaId, "55119000046" + String.format("%02d", n),
                        mediaId, "image/jpeg", MediaIntegrationTest.base64Sha256(content), null));
            }

            await().atMost(WorkerIntegrationTest.WAIT_TIME).until(() -> first.jdbc()
                    .sql("SELECT count(*) FROM whatsapp_media WHERE state = 'stored' AND media_id LIKE 'two-%'").query(Long.class).single() == FILES);
            assertThat(mediaIds).allSatisfy(mediaId -> assertThat(graph.fileDownloads(mediaId)).isEqualTo(1));
            assertThat(downloads(first) + downloads(second)).isEqualTo(FILES);
            assertThat(downloads(first)).isPositive();
            assertThat(downloads(second)).isPositive();
        }
    }

    private static double downloads(WorkerInstance worker) {
        var counter = worker.bean(io.micrometer.core.instrument.MeterRegistry.class).find("whatsapp.media.downloads")
                .tag("outcome", "stored").counter();
        return counter == null ? 0 : counter.count();
    }
}
