package io.wapipeline.ops.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

import io.wapipeline.ops.Failures;
import io.wapipeline.model.WebhookTopics;

/** Kafka answers, and the pipeline's topics exist with the partition count the services declare. */
final class KafkaCheck implements Check {

    static final List<String> TOPICS = List.of(WebhookTopics.RAW, WebhookTopics.DEAD_LETTER, WebhookTopics.REPROCESS);

    private final KafkaAdmin kafka;
    private final int expectedPartitions;

    KafkaCheck(KafkaAdmin kafka, int expectedPartitions) {
        this.kafka = kafka;
        this.expectedPartitions = expectedPartitions;
    }

    @Override
    public String name() {
        return "Kafka reachable, topics present";
    }

    @Override
    public Result run() {
        Admin admin;
        Map<String, TopicDescription> topics;
        try {
            admin = kafka.admin();
            String cluster = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            topics = kafka.describe(TOPICS);
            return judge(cluster, topics);
        }
        catch (Exception unreachable) {
            if (Failures.rootMessage(unreachable).startsWith("TopicAuthorizationException")) {
                return Result.fail(kafka.target().describe() + " may not describe the pipeline's topics: "
                        + Failures.rootMessage(unreachable), "run the doctor with wa-ops' Kafka user, or give this user DESCRIBE "
                        + "on the topics (docs/security.md, \"Kafka\")");
            }
            return Result.fail("no answer from " + kafka.bootstrapServers() + ": " + Failures.rootMessage(unreachable),
                    "start Kafka, or set KAFKA_BOOTSTRAP_SERVERS to the brokers' host:port as the services see them");
        }
    }

    private Result judge(String cluster, Map<String, TopicDescription> topics) {
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (String topic : TOPICS) {
            TopicDescription description = topics.get(topic);
            if (description == null) {
                problems.add(topic + " is missing");
                fixes.add("start the ingest and worker once: they create their topics (" + expectedPartitions
                        + " partitions, max.message.bytes=" + WebhookTopics.MAX_RECORD_BYTES + "); then check with wa-ops kafka topics");
            }
            else if (description.partitions().size() < expectedPartitions) {
                problems.add(topic + " has " + description.partitions().size() + " partitions, expected " + expectedPartitions);
                fixes.add("at most " + description.partitions().size() + " workers consume in parallel; raise it: wa-ops kafka "
                        + "add-partitions --topic " + topic + " --count " + expectedPartitions + " --execute");
            }
        }
        return problems.isEmpty()
                ? Result.pass("cluster " + cluster + " at " + kafka.bootstrapServers() + "; " + TOPICS.size() + " topics with "
                        + expectedPartitions + "+ partitions")
                : Result.fail(String.join("; ", problems), String.join("\n", fixes));
    }
}
