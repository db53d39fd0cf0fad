package io.wapipeline.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TestSignatures;

/** A worker started by hand, for tests that need several instances or their own database address. */
public final class WorkerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private WorkerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static WorkerInstance start(String databaseUrl, String groupId, String... properties) {
        List<String> all = new ArrayList<>(List.of("DATABASE_URL=" + databaseUrl, "whatsapp.worker.group-id=" + groupId,
                "WHATSAPP_API_TOKENS=" + WorkerIntegrationTest.API_TOKEN, "server.port=0",
                "WHATSAPP_ACCESS_TOKEN=" + WorkerIntegrationTest.GRAPH_TOKEN, "MEDIA_ROOT=target/test-media",
                "whatsapp.media.download=false", "WHATSAPP_APP_SECRET=" + TestSignatures.APP_SECRETS,
                "WHATSAPP_INTERNAL_KEY=" + TestSignatures.INTERNAL_KEY,
                "spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "whatsapp.worker.retry-initial=100ms", "whatsapp.worker.retry-max=1s",
                // The shared broker's reprocess topic holds other tests' copies; these instances count raw records only.
                "whatsapp.worker.reprocess=false"));
        all.addAll(List.of(properties));
        Map<String, String> byName = new LinkedHashMap<>();
        all.forEach(property -> byName.put(property.substring(0, property.indexOf('=')), property));
        String[] arguments = byName.values().stream().map(property -> "--" + property).toArray(String[]::new);
        return new WorkerInstance(new SpringApplicationBuilder(WorkerApplication.class).run(arguments));
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** The port its HTTP server listens on (the read API and the console). */
    public int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Partitions of the raw topic this instance consumes now (its reprocess consumer is not counted). */
    public int assignedPartitions() {
        return (int) context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .filter(container -> container.getAssignedPartitions() != null)
                .flatMap(container -> container.getAssignedPartitions().stream())
                .filter(partition -> partition.topic().equals(io.wapipeline.model.WebhookTopics.RAW)).count();
    }

    @Override
    public void close() {
        context.close();
    }
}
