package io.wapipeline.ops.replay;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.ops.KafkaOptions;
import io.wapipeline.ops.records.KafkaTarget;
import io.wapipeline.ops.OpsCommand;
import io.wapipeline.ops.records.CopyPublisher;
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

/** {@code wa-ops replay}: reads a selection of the raw topic (or the DLT) without a consumer group. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = {
        "Reads whatsapp.webhooks.raw (or the dead-letter topic) by time, partition/offset, message id or contact, "
                + "without touching any consumer group's offsets.",
        "--print shows each record decoded; --reprocess sends the selection through the worker again, rewriting the "
                + "stored rows from what the current parser makes of them (download state and status history kept)." })
public final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    OpsCommand ops;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--dlt", description = "Read the dead-letter topic (" + WebhookTopics.DEAD_LETTER + ") instead of the raw topic.")
    boolean deadLetters;

    @Option(names = "--print", description = "Print each selected record decoded (the default when --reprocess is not given).")
    boolean print;

    @Option(names = "--reprocess", description = "Send the selected records to " + WebhookTopics.REPROCESS
            + ", where the worker rewrites their rows.")
    boolean reprocess;

    @Override
    public Integer call() {
        String topic = deadLetters ? WebhookTopics.DEAD_LETTER : WebhookTopics.RAW;
        PrintWriter err = spec.commandLine().getErr();
        RecordPrinter printer = print || !reprocess ? new RecordPrinter(spec.commandLine().getOut()) : null;
        KafkaTarget servers = kafka.target(ops.environment());
        long[] selected = { 0 };
        Progress progress = new Progress(err, "replay");
        try (TopicReader reader = new TopicReader(servers, topic);
                CopyPublisher copies = reprocess ? new CopyPublisher(servers) : null) {
            long read = reader.read(selection.selection(Optional.empty()), record -> {
                selected[0]++;
                if (printer != null) {
                    printer.print(record);
                }
                if (copies != null) {
                    copies.send(record, deadLetters ? Position.originalOf(record) : Position.of(record));
                }
                progress.update(selected[0]);
            });
            if (copies != null) {
                copies.flush();
            }
            err.printf("replay: %d records read from %s, %d selected%s%n", read, topic, selected[0],
                    reprocess ? ", " + selected[0] + " sent to " + WebhookTopics.REPROCESS + " for the worker to rewrite" : "");
        }
        return 0;
    }
}
