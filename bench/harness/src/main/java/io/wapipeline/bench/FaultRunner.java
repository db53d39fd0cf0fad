package io.wapipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.wapipeline.stack.LocalStack;

/**
 * Runs one fault at a time against the stack, with load from another JVM, and measures it into a {@link FaultRow}:
 * what was answered, what the 200s promised and the pipeline kept, and how long it took to recover.
 */
final class FaultRunner {

    /** What a fault does to the stack; it returns once the fault is over (the part restarted). */
    @FunctionalInterface
    interface Injection {
        /** @param notes where to say anything the row should show about how the fault went */
        void inject(LocalStack stack, List<String> notes) throws Exception;
    }

    /** Simulate's realistic mix: inbound messages of every type and status sequences, one item per POST. */
    private static final List<String> TRAFFIC = List.of("--mix", "mixed");
    private static final int SENDER_CONCURRENCY = 32;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SEND_TIMEOUT = Duration.ofMinutes(10);

    private final BenchContext context;
    private final LocalStack stack;
    private final Ledger ledger;
    private final Path directory;

    FaultRunner(BenchContext context, LocalStack stack, Ledger ledger, Path directory) {
        this.context = context;
        this.stack = stack;
        this.ledger = ledger;
        this.directory = directory;
    }

    /** Simulate sends at a steady rate; once it is acknowledged, and a lead-in later, the fault is injected. */
    FaultRow underLoad(String fault, String runId, Injection injection) throws Exception {
        Path file = directory.resolve(runId + ".answers");
        AnswerTally answers = AnswerTally.ofSimulate(file);
        long offBefore = ledger.conversationsOff();
        List<String> notes = new ArrayList<>();
        Optional<Duration> recovery;
        try (ChildProcess load = SimulateProcess.inBackground(context.repository(), webhookUrl(), stack.secrets().appSecret(),
                TRAFFIC, context.size(100.0, 40.0), context.seconds(600, 180), runId, file)) {
            awaitFirstAcknowledgement(answers, load);
            TimeUnit.SECONDS.sleep(context.seconds(10, 1).toSeconds());
            context.say(fault + ": injecting, under load from " + load);
            injection.inject(stack, notes);
            recovery = Recovery.after(Instant.now(), answers, ledger, true, RECOVERY_TIMEOUT);
        }
        return measure(fault, answers, recovery, offBefore, notes);
    }

    /** The plan is sent from {@link DeliverySender}'s JVM; recovery counts from its last answer. */
    FaultRow delivered(String fault, String runId, DeliveryPlan plan) throws Exception {
        Path file = directory.resolve(runId + ".answers");
        AnswerTally answers = AnswerTally.ofPlan(file, plan);
        long offBefore = ledger.conversationsOff();
        context.say("%s: %,d POSTs from the delivery sender".formatted(fault, plan.posts()));
        send(plan, runId, file);
        Optional<Duration> recovery = Recovery.after(Instant.now(), answers, ledger, false, RECOVERY_TIMEOUT);
        return measure(fault, answers, recovery, offBefore, List.of());
    }

    /** Waits until the worker group has committed everything; false if it has not within {@code timeout}. */
    boolean awaitLagZero(Duration timeout) throws InterruptedException {
        return ledger.awaitLagZero(timeout);
    }

    private void awaitFirstAcknowledgement(AnswerTally answers, ChildProcess load) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (answers.readNew(); answers.answered("200") == 0; answers.readNew()) {
            if (System.nanoTime() > deadline || load.awaitExit(Duration.ofMillis(100))) {
                throw new IllegalStateException("no webhook was answered 200 before the fault; see " + load.output());
            }
        }
    }

    private void send(DeliveryPlan plan, String runId, Path answers) throws InterruptedException {
        Path planFile = plan.write(directory.resolve(runId + ".plan"));
        List<String> command = List.of(ChildProcess.java(), "-cp", context.repository().resolve("bench/harness/target/classes").toString(),
                DeliverySender.class.getName(), webhookUrl(), planFile.toString(), answers.toString(),
                Integer.toString(SENDER_CONCURRENCY));
        try (ChildProcess sender = ChildProcess.start("delivery sender " + runId, command, directory.resolve(runId + ".sender.log"))) {
            if (!sender.awaitExit(SEND_TIMEOUT) || sender.exitValue() != 0) {
                throw new IllegalStateException(sender + " failed or did not end within " + SEND_TIMEOUT);
            }
        }
    }

    /** Once everything is committed (or not within the drain timeout): the row, from everything that was answered. */
    private FaultRow measure(String fault, AnswerTally answers, Optional<Duration> recovery, long offBefore,
            List<String> injectionNotes) throws Exception {
        boolean drained = awaitLagZero(DRAIN_TIMEOUT);
        answers.readNew();
        Set<Item> promised = answers.promised();
        Ledger.Found found = ledger.find(promised);
        Checked checked = new Checked(promised.size(), promised.stream().filter(item -> !found.present().contains(item)).toList(),
                ledger.currentStatusesBelowPromised(promised), found.surplus(), ledger.conversationsOff() - offBefore,
                drained ? "" : "not drained within " + DRAIN_TIMEOUT.toMinutes() + " min: " + lagNow());
        long others = answers.others().values().stream().mapToLong(Long::longValue).sum();
        FaultRow row = new FaultRow(fault, answers.sent(), answers.answered("200"), answers.answered("503"), others,
                checked.missingCount(), checked.doubledCount(), recovery,
                String.join("; ", Stream.concat(injectionNotes.stream(), checked.notes(answers.others()).stream()).toList()));
        context.say(String.join(" | ", row.cells()));
        return row;
    }

    /** What the pipeline kept of what was promised, once it had drained. */
    private record Checked(int promised, List<Item> missing, long belowPromised, long surplus, long conversationsOff,
            String stillLagging) {

        long missingCount() {
            return missing.size() + belowPromised;
        }

        long doubledCount() {
            return surplus + Math.abs(conversationsOff);
        }

        List<String> notes(Map<String, Long> otherAnswers) {
            List<String> notes = new ArrayList<>(List.of("%,d items acknowledged".formatted(promised)));
            otherAnswers.forEach((outcome, count) -> notes.add("%s: %,d".formatted(outcome, count)));
            if (!missing.isEmpty()) {
                notes.add("missing " + byKind(missing) + ", e.g. " + abbreviated(missing.get(0).id()));
            }
            if (belowPromised > 0) {
                notes.add("%,d current statuses below an acknowledged one".formatted(belowPromised));
            }
            if (surplus > 0) {
                notes.add("%,d rows beyond one per item".formatted(surplus));
            }
            if (conversationsOff != 0) {
                notes.add("conversation message counts off the messages stored by %,d".formatted(conversationsOff));
            }
            if (!stillLagging.isEmpty()) {
                notes.add(stillLagging);
            }
            return notes;
        }

        private static String byKind(List<Item> items) {
            Map<Item.Kind, Long> kinds = items.stream().collect(Collectors.groupingBy(Item::kind, TreeMap::new, Collectors.counting()));
            return kinds.entrySet().stream().map(kind -> "%,d %s".formatted(kind.getValue(), kind.getKey().plural()))
                    .collect(Collectors.joining(", "));
        }

        private static String abbreviated(String id) {
            return id.length() <= 60 ? id : id.substring(0, 60) + "…";
        }
    }

    private String lagNow() {
        OptionalLong lag = ledger.lag();
        return lag.isPresent() ? "%,d records not committed".formatted(lag.getAsLong()) : "Kafka did not answer";
    }

    private String webhookUrl() {
        return stack.ingestUrl() + "/api/whatsapp/webhook";
    }
}
