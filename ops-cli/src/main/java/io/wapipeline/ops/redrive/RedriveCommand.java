package io.wapipeline.ops.redrive;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.ops.KafkaOptions;
import io.wapipeline.ops.records.KafkaTarget;
import io.wapipeline.ops.OpsCommand;
import io.wapipeline.ops.records.CopyPublisher;
import io.wapipeline.ops.records.Headers;
import io.wapipeline.ops.records.Position;
import io.wapipeline.ops.records.Progress;
import io.wapipeline.ops.records.SelectionOptions;
import io.wapipeline.ops.records.TopicReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wa-ops redrive}: sends dead letters back through the worker after their cause was fixed (a parser fix, say).
 * Copies go to the reprocess topic and name the raw record they came from; the dead letters themselves stay in the
 * DLT (Kafka cannot delete one record), so a redrive can be repeated safely: the worker's writes are idempotent.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true, description = {
        "Sends records of " + WebhookTopics.DEAD_LETTER + " back through the worker, after the cause was fixed.",
        "Select with the filters below; --dry-run lists what would be sent and sends nothing." })
public final class RedriveCommand implements Callable<Integer> {

    @ParentCommand
    OpsCommand ops;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only dead letters whose reason contains this text.")
    String reason;

    @Option(names = "--dry-run", description = "List the dead letters that would be redriven; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaTarget servers = kafka.target(ops.environment());
        long[] selected = { 0 };
        Progress progress = new Progress(err, "redrive");
        try (TopicReader reader = new TopicReader(servers, WebhookTopics.DEAD_LETTER);
                CopyPublisher copies = dryRun ? null : new CopyPublisher(servers)) {
            long read = reader.read(selection.selection(Optional.ofNullable(reason)), letter -> {
                selected[0]++;
                out.println(describe(letter));
                if (copies != null) {
                    copies.send(letter, Position.originalOf(letter));
                }
                progress.update(selected[0]);
            });
            if (copies != null) {
                copies.flush();
            }
            err.printf("redrive: %d dead letters read, %d selected, %s%n", read, selected[0], dryRun
                    ? "none sent (--dry-run)" : selected[0] + " sent to " + WebhookTopics.REPROCESS + " for the worker");
        }
        return 0;
    }

    private String describe(ConsumerRecord<String, byte[]> letter) {
        return "%s %s (from %s): %s".formatted(dryRun ? "would redrive" : "redriving", Position.of(letter),
                Position.originalOf(letter), Headers.text(letter, Headers.DEAD_LETTER_REASON).orElse("no reason recorded"));
    }
}
