package io.wapipeline.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A load generator's answers file, read while it is written: POSTs by outcome, and every item a 200 promised. Lines
 * are tab-separated, epoch milliseconds and outcome first; what the rest carries depends on who wrote it.
 */
final class AnswerTally {

    private final Path file;
    private final Function<String[], List<Item>> itemsOfLine;
    private final Set<Item> promised = new LinkedHashSet<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long position;
    private long lastAcknowledgedMillis;

    private AnswerTally(Path file, Function<String[], List<Item>> itemsOfLine) {
        this.file = file;
        this.itemsOfLine = itemsOfLine;
    }

    /** What {@code wa-ops simulate --answers} writes: the inbound message ids, then the ids whose statuses it carried. */
    static AnswerTally ofSimulate(Path file) {
        return new AnswerTally(file, columns -> {
            List<Item> items = new ArrayList<>();
            ids(columns[2]).forEach(id -> items.add(Item.message(id)));
            ids(columns[3]).forEach(id -> items.add(Item.status(id, null)));
            return items;
        });
    }

    /** What {@link DeliverySender} writes: the tag of the plan's line. */
    static AnswerTally ofPlan(Path file, DeliveryPlan plan) {
        return new AnswerTally(file, columns -> plan.items(columns[2]));
    }

    /** Reads the lines completed since the last call; returns the items they newly promised. */
    List<Item> readNew() {
        List<Item> added = new ArrayList<>();
        for (String line : completedLines()) {
            String[] columns = line.split("\t", -1);
            outcomes.merge(columns[1], 1L, Long::sum);
            if (columns[1].equals("200")) {
                lastAcknowledgedMillis = Math.max(lastAcknowledgedMillis, Long.parseLong(columns[0]));
                itemsOfLine.apply(columns).stream().filter(promised::add).forEach(added::add);
            }
        }
        return added;
    }

    /** Whether a POST was answered 200 at or after this time. */
    boolean acknowledgedSince(long epochMillis) {
        return lastAcknowledgedMillis >= epochMillis;
    }

    Set<Item> promised() {
        return promised;
    }

    long sent() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    long answered(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Everything but 200 and 503, by outcome: other codes, and {@code error:<kind>} for requests that got no answer. */
    Map<String, Long> others() {
        Map<String, Long> others = new TreeMap<>(outcomes);
        others.keySet().removeAll(List.of("200", "503"));
        return others;
    }

    private List<String> completedLines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) (in.length() - position)];
            in.seek(position);
            in.readFully(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            position += end;
            return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static List<String> ids(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : Arrays.asList(commaSeparated.split(","));
    }
}
