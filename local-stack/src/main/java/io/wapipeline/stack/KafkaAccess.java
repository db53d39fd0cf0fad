package io.wapipeline.stack;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import io.wapipeline.model.WebhookTopics;

/**
 * Who may do what on the stack's own Kafka: a user per service and one for {@code wa-ops}, each allowed only what it
 * uses, and the stack's own super user. docker-compose.yml's and deploy/'s ACLs (docs/security.md, "Kafka") are these.
 * No user may change a topic's configuration (its retention, say): the services create their topics, an operator
 * changes them as the super user.
 */
final class KafkaAccess {

    /** The stack itself: the broker's own user and the authorizer's super user (topics by hand, the stop summary, tests). */
    static final String ADMIN = "admin";
    /** Writes the raw topic only. */
    static final String INGEST = "ingest";
    /** Reads the raw and reprocess topics in its groups; writes the dead letters, and (the console) the reprocess topic. */
    static final String WORKER = "worker";
    /** replay, redrive, import-django, kafka, doctor: the pipeline's topics and the workers' groups, nothing else. */
    static final String TOOLS = "wa-ops";

    static final List<String> USERS = List.of(ADMIN, INGEST, WORKER, TOOLS);

    private KafkaAccess() {
    }

    /** Every ACL of the stack's users; creating one that exists changes nothing, so they are created at every start. */
    static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        // The ingest declares the raw topic (creates it when missing, reads its configs) and writes it, idempotently.
        topic(acls, INGEST, WebhookTopics.RAW, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        cluster(acls, INGEST, IDEMPOTENT_WRITE);

        topic(acls, WORKER, WebhookTopics.RAW, READ, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        topic(acls, WORKER, WebhookTopics.DEAD_LETTER, READ, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        topic(acls, WORKER, WebhookTopics.REPROCESS, READ, WRITE, DESCRIBE, CREATE, DESCRIBE_CONFIGS);
        workerGroups(acls, WORKER);
        cluster(acls, WORKER, IDEMPOTENT_WRITE);

        // replay and import-django write the raw topic, redrive the reprocess topic; kafka add-partitions alters.
        for (String topic : List.of(WebhookTopics.RAW, WebhookTopics.DEAD_LETTER, WebhookTopics.REPROCESS)) {
            topic(acls, TOOLS, topic, READ, WRITE, DESCRIBE, DESCRIBE_CONFIGS, ALTER);
        }
        // kafka group / reset-offsets and doctor's lag; kafka topics' disk usage (the brokers' log directories).
        workerGroups(acls, TOOLS);
        cluster(acls, TOOLS, IDEMPOTENT_WRITE, DESCRIBE);
        return acls;
    }

    /** The workers' groups: {@code whatsapp-worker} and {@code whatsapp-worker-reprocess}, or others with that prefix. */
    private static void workerGroups(List<AclBinding> acls, String user) {
        ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, WebhookTopics.DEFAULT_WORKER_GROUP, PatternType.PREFIXED);
        add(acls, groups, user, READ, DESCRIBE);
    }

    private static void topic(List<AclBinding> acls, String user, String topic, AclOperation... operations) {
        add(acls, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), user, operations);
    }

    private static void cluster(List<AclBinding> acls, String user, AclOperation... operations) {
        add(acls, new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL), user, operations);
    }

    private static void add(List<AclBinding> acls, ResourcePattern resource, String user, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
