package io.wapipeline.ops.kafka;

import io.wapipeline.model.WebhookTopics;

/** The topic a worker group consumes: the reprocess topic for the group with the reprocess suffix, else the raw one. */
final class ConsumedTopic {

    static final String RULE = WebhookTopics.REPROCESS + " for a group ending in " + WebhookTopics.REPROCESS_GROUP_SUFFIX
            + ", else " + WebhookTopics.RAW;

    private ConsumedTopic() {
    }

    /** The topic named with {@code --topic}, else the one {@code group} consumes. */
    static String of(String group, String named) {
        if (named != null) {
            return named;
        }
        return group.endsWith(WebhookTopics.REPROCESS_GROUP_SUFFIX) ? WebhookTopics.REPROCESS : WebhookTopics.RAW;
    }
}
