package io.wapipeline.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench/run [ingest|worker|end-to-end|memory|all|faults]}: runs benchmarks, or the fault suite, and prints (and
 * records) the table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {
        "Runs the pipeline's benchmarks on this machine and prints each figure beside its ceiling and target.",
        "ingest: throughput (wrk) against a no-op server, latency at 1,000/3,300/6,000 req/s, memory, start-up.",
        "worker: preloaded text and mixed records consumed and committed, against COPY of the same rows.",
        "end-to-end: accepted → stored at 3,300 req/s for 60 s.",
        "memory: the ingest's RSS at 3,300/6,000 req/s and saturated, for each JVM profile. all: the four in turn.",
        "faults: the fault suite, not a benchmark. Signed load while Kafka is stopped, the worker and the ingest are "
                + "killed, PostgreSQL is restarted and crashed; then triple deliveries, shuffled statuses and poison bodies. "
                + "Per fault: what was answered, what a 200 promised and is not stored or is stored twice, and the time to "
                + "recover. Exits with 1 if anything acknowledged is missing or doubled; appends to docs/reliability.md "
                + "(## Fault suite runs).",
        "hostile: the hostile-client suite, not a benchmark. A slowloris of hundreds of connections, 4 MiB bodies held one "
                + "byte short against the small-memory profile, a Kafka outage under load and the burst after it, with "
                + "signed webhooks meanwhile; then the headers, malformed framing, a log flood, console password and API "
                + "token guessing, and a record forged onto the raw topic. Per attack: the signed answers, what the services "
                + "showed, the bar. Exits with 1 "
                + "if an attack broke the bar; appends to docs/security.md (## Hostile suite runs)." })
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "all",
            description = "ingest, worker, end-to-end, memory, all, migration (the schema migrations after V7 on 200,000 messages), faults or hostile (default: ${DEFAULT-VALUE}).")
    String which;

    @Option(names = "--smoke", description = "A few seconds each, tiny sizes: proves the harness works, measures nothing "
            + "(faults: 5 s of Kafka outage, two worker kills, small loads; hostile: 15 s of slowloris, 5 s of held bodies, "
            + "8 s of outage; the bar still holds).")
    boolean smoke;

    @Option(names = "--attack", description = "hostile: run only this attack (1 to 9; default: all nine).")
    Integer attack;

    @Option(names = "--repository", defaultValue = ".", description = "The checkout (default: the working directory).")
    Path repository;

    @Option(names = "--report", description = "Append the table here (default: docs/benchmarks.md, or docs/reliability.md "
            + "for faults, for full runs; nowhere for --smoke).")
    Path report;

    private final PrintWriter out;

    BenchCommand(PrintWriter out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        System.exit(new CommandLine(new BenchCommand(out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path checkout = repository.toAbsolutePath().normalize();
        BenchContext context = new BenchContext(checkout, smoke, out);
        if (which.equals("faults")) {
            return faults(checkout, context);
        }
        if (which.equals("hostile")) {
            return hostile(checkout, context);
        }
        List<Row> rows = new ArrayList<>();
        if (which.equals("ingest") || which.equals("all")) {
            rows.addAll(new IngestBenchmarks(context).run());
        }
        if (which.equals("worker") || which.equals("all")) {
            rows.addAll(new WorkerBenchmarks(context).run());
        }
        if (which.equals("end-to-end") || which.equals("all")) {
            rows.addAll(new EndToEndBenchmark(context).run());
        }
        if (which.equals("migration")) {
            rows.addAll(new MigrationBenchmark(context).run());
        }
        if (which.equals("memory") || which.equals("all")) {
            rows.addAll(new MemoryBenchmarks(context).run());
        }
        if (rows.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "unknown benchmark '" + which + "'");
        }
        String table = Report.markdown((smoke ? "Smoke run (sizes too small to mean anything)" : "Benchmarks") + " of " + which,
                Machine.current(checkout), rows);
        Report.print(out, table);
        Path file = report != null ? report : smoke ? null : checkout.resolve("docs/benchmarks.md");
        if (file != null) {
            Report.append(file, table);
            out.println("appended to " + file);
        }
        return 0;
    }

    /** The fault suite's table goes under its own heading of docs/reliability.md; any row below the bar fails the run. */
    private int faults(Path checkout, BenchContext context) throws Exception {
        List<FaultRow> rows = new FaultSuite(context).run();
        String table = Report.markdown("### " + (smoke ? "Fault suite, smoke run (short faults, small loads)" : "Fault suite"),
                Machine.current(checkout), FaultRow.COLUMNS, rows.stream().map(FaultRow::cells).toList());
        Report.print(out, table);
        Path file = report != null ? report : smoke ? null : checkout.resolve("docs/reliability.md");
        if (file != null) {
            Report.appendUnder(file, "## Fault suite runs", table);
            out.println("appended to " + file);
        }
        long failed = rows.stream().filter(row -> !row.heldTheBar()).count();
        out.println(failed == 0 ? "every fault held the bar: nothing acknowledged was lost or stored twice"
                : failed + " of " + rows.size() + " faults FAILED the bar (see their notes)");
        return failed == 0 ? 0 : 1;
    }

    /** The hostile suite's table goes under its own heading of docs/security.md; any attack that broke the bar fails the run. */
    private int hostile(Path checkout, BenchContext context) throws Exception {
        List<HostileRow> rows = new HostileSuite(context).run(attack);
        String table = Report.markdown("### " + (smoke ? "Hostile suite, smoke run (short attacks)" : "Hostile suite"),
                Machine.current(checkout), HostileRow.COLUMNS, rows.stream().map(HostileRow::cells).toList());
        Report.print(out, table);
        Path file = report != null ? report : smoke ? null : checkout.resolve("docs/security.md");
        if (file != null) {
            Report.appendUnder(file, "## Hostile suite runs", table);
            out.println("appended to " + file);
        }
        long failed = rows.stream().filter(row -> !row.held()).count();
        out.println(failed == 0 ? "every attack held the bar" : failed + " of " + rows.size() + " attacks FAILED the bar");
        return failed == 0 ? 0 : 1;
    }
}
