package io.wapipeline.worker.media;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The download pipeline: Graph API client, file store, downloader and its scheduler, health and metrics. */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    @Bean
    MediaStore mediaStore(MediaProperties properties) {
        MediaStore store = new MediaStore(properties.root());
        store.deleteAbandonedPartials(properties.lease());
        return store;
    }

    @Bean
    MediaMetrics mediaMetrics(MeterRegistry registry, MediaProperties properties) {
        return new MediaMetrics(registry, properties.tokenRetryInterval());
    }

    @Bean("graphApi")
    GraphApiHealthIndicator graphApiHealth(MediaMetrics metrics) {
        return new GraphApiHealthIndicator(metrics);
    }

    @Bean
    @ConditionalOnProperty(name = "whatsapp.media.download", havingValue = "true", matchIfMissing = true)
    MediaDownloads mediaDownloads(MediaJobRepository jobs, MediaStore store, MediaMetrics metrics, MediaProperties properties,
            JsonMapper json, SslBundles sslBundles) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (properties.sslBundle() != null && !properties.sslBundle().isBlank()) {
            http.sslContext(sslBundles.getBundle(properties.sslBundle()).createSslContext());
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "media-download-timeout");
            thread.setDaemon(true);
            return thread;
        });
        GraphMediaClient graph = new GraphMediaClient(http.build(), json, properties);
        return new MediaDownloads(jobs, new MediaDownloader(graph, store, jobs, properties, metrics, watchdog), properties, metrics);
    }
}
