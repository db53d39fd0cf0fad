package io.wapipeline.ops.doctor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.KafkaFuture;

import io.wapipeline.ops.records.KafkaClients;
import io.wapipeline.ops.records.KafkaTarget;

/** One Kafka admin client shared by the checks, created on first use and closed with the doctor. */
final class KafkaAdmin implements AutoCloseable {

    private final KafkaTarget kafka;
    private Admin admin;

    KafkaAdmin(KafkaTarget kafka) {
        this.kafka = kafka;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    KafkaTarget target() {
        return kafka;
    }

    Admin admin() {
        if (admin == null) {
            admin = KafkaClients.admin(kafka, java.time.Duration.ofSeconds(10));
        }
        return admin;
    }

    /** The topics that exist among {@code names}; a missing one is simply absent from the map. */
    Map<String, TopicDescription> describe(List<String> names) throws Exception {
        Map<String, TopicDescription> found = new HashMap<>();
        Map<String, KafkaFuture<TopicDescription>> futures = admin().describeTopics(names).topicNameValues();
        for (var entry : futures.entrySet()) {
            try {
                found.put(entry.getKey(), entry.getValue().get(10, TimeUnit.SECONDS));
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return found;
    }


    @Override
    public void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }
}
