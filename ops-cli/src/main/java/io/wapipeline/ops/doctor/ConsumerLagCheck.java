package io.wapipeline.ops.doctor;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import io.wapipeline.ops.Failures;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.GroupLag;

/** Workers are connected to the raw topic and keep up: the group's lag is under the limit. */
final class ConsumerLagCheck implements Check {

    private final KafkaAdmin kafka;
    private final String group;
    private final long maxLag;

    ConsumerLagCheck(KafkaAdmin kafka, String group, long maxLag) {
        this.kafka = kafka;
        this.group = group;
        this.maxLag = maxLag;
    }

    @Override
    public String name() {
        return "worker consumer lag";
    }

    @Override
    public Result run() {
        try {
            Admin admin = kafka.admin();
            GroupLag lag = GroupLag.of(admin, group, WebhookTopics.RAW);
            int members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS).members().size();
            return judge(lag, members);
        }
        catch (Exception failure) {
            return Result.fail("could not read group " + group + ": " + Failures.rootMessage(failure),
                    "fix the Kafka check first; if it passes, check --group (the worker's whatsapp.worker.group-id)");
        }
    }

    private Result judge(GroupLag lag, int members) {
        String seen = "group " + group + ": " + members + " consumer(s), lag " + lag.lag() + " of " + lag.records() + " records";
        if (members == 0 && lag.lag() > 0) {
            return Result.fail(seen, "no worker is consuming: start the worker with this KAFKA_BOOTSTRAP_SERVERS (its log says "
                    + "'partitions assigned'); if one runs, check its whatsapp.worker.group-id");
        }
        if (lag.lag() > maxLag) {
            return Result.fail(seen + " (limit " + maxLag + ")", "workers fall behind: look for 'failed (attempt' retries in "
                    + "the worker log (database down?), or add workers (up to the partition count) or raise whatsapp.worker.concurrency");
        }
        return Result.pass(seen);
    }
}
