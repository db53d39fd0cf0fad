package io.wapipeline.ops.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Option;

/** The selection options {@code replay} and {@code redrive} share. */
public final class SelectionOptions {

    @Option(names = "--from", paramLabel = "TIME", description = "First record time, ISO-8601 (2026-11-24T10:00:00Z).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", description = "Last record time, ISO-8601, inclusive.")
    Instant to;

    @Option(names = "--partition", paramLabel = "N", split = ",", description = "Only these partitions (repeat or comma-separate).")
    List<Integer> partitions = new ArrayList<>();

    @Option(names = "--from-offset", paramLabel = "OFFSET", description = "First offset in each selected partition.")
    Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "OFFSET", description = "Last offset in each selected partition, inclusive.")
    Long toOffset;

    @Option(names = "--message-id", paramLabel = "WAMID", description = "Only records with this message or status id.")
    String messageId;

    @Option(names = "--contact", paramLabel = "WA_ID", description = "Only records with messages from or statuses to this contact.")
    String contact;

    public Selection selection(Optional<String> reason) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to (" + to + ") is before --from (" + from + ")");
        }
        if (fromOffset != null && toOffset != null && toOffset < fromOffset) {
            throw new IllegalArgumentException("--to-offset (" + toOffset + ") is below --from-offset (" + fromOffset + ")");
        }
        return new Selection(Optional.ofNullable(from), Optional.ofNullable(to), List.copyOf(partitions),
                Optional.ofNullable(fromOffset), Optional.ofNullable(toOffset), Optional.ofNullable(messageId),
                Optional.ofNullable(contact), reason);
    }
}
