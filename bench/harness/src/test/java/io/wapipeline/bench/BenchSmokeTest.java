package io.wapipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The harness in its smoke mode (a few seconds each, tiny sizes), so it cannot rot: every benchmark starts what it
 * needs, loads it, measures, stops it, and lands in the table. The figures themselves mean nothing at these sizes.
 */
class BenchSmokeTest {

    @Test
    void everyBenchmarkRunsAndLandsInTheTable() {
        StringWriter output = new StringWriter();
        Path report = Path.of("target/smoke-benchmarks.md").toAbsolutePath();

        int exitCode = new CommandLine(new BenchCommand(new PrintWriter(output, true)))
                .execute("all", "--smoke", "--repository", "../..", "--report", report.toString());

        assertThat(exitCode).as(output.toString()).isZero();
        String table = output.toString().substring(output.toString().indexOf("| benchmark |"));
        assertThat(table.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| benchmark") && !line.startsWith("| ---")))
                .hasSize(11).allSatisfy(line -> assertThat(line.split("\\|")[2].strip())
                        // Without wrk the memory profiles are skipped, and their row says so.
                        .matches(Wrk.installed() ? ".*\\d.*" : ".*(\\d|skipped: wrk is not installed).*"));
        assertThat(table).contains("| 1. ingest throughput", "| 2. ingest latency at 200 req/s", "| 2/5. ingest peak RSS",
                "| 3. worker, 2,000 text messages stored", "| 3. worker, mixed:", "| 4. end to end", "| 5. ingest start-up",
                "| 5. worker start-up", "| 5. ingest memory");
        if (Wrk.installed()) {
            assertThat(table).containsPattern("\\| 5\\. ingest memory, JVM defaults.*3,300 req/s: peak RSS \\d+ MiB.*saturated");
        }
        assertThat(output.toString()).contains("Machine: ", "appended to " + report);
    }
}
