package io.wapipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * The fault suite in its smoke mode (5 s without Kafka, two worker kills, small loads), so that it cannot rot and the
 * bar holds on every build: each fault is injected under signed load from another JVM, and nothing answered 200 is
 * missing from the database or stored twice.
 */
class FaultSuiteSmokeTest {

    @Test
    void everyFaultRunsAndNothingAcknowledgedIsLostOrStoredTwice() throws IOException {
        StringWriter output = new StringWriter();
        Path report = Path.of("target/smoke-reliability.md").toAbsolutePath();
        Files.deleteIfExists(report);

        int exitCode = new CommandLine(new BenchCommand(new PrintWriter(output, true)))
                .execute("faults", "--smoke", "--repository", "../..", "--report", report.toString());

        assertThat(exitCode).as(output.toString()).isZero();
        List<String[]> rows = output.toString().lines().filter(line -> line.matches("\\| \\d[ab]?\\. .*"))
                .map(line -> line.split(" \\| ")).toList();
        assertThat(rows).extracting(row -> row[0].substring(2, row[0].indexOf('.') + 1))
                .containsExactly("1.", "2.", "3a.", "3b.", "4.", "5.", "6.", "7.");
        assertThat(rows).allSatisfy(row -> {
            assertThat(number(row[2])).as("answered 200: %s", String.join(" | ", row)).isPositive();
            assertThat(row[5]).as("200'd, not stored").isEqualTo("0");
            assertThat(row[6]).as("stored twice").isEqualTo("0");
            assertThat(row[9]).startsWith("held");
        });
        assertThat(number(rows.get(0)[3]) + number(rows.get(0)[4])).as("without Kafka, webhooks are refused").isPositive();
        assertThat(number(rows.get(4)[4])).as("without the ingest, connections fail").isPositive();
        assertThat(number(rows.get(5)[1])).as("100 webhooks, three deliveries each").isEqualTo(300);
        assertThat(Files.readString(report)).contains("## Fault suite runs", "### Fault suite, smoke run", "Machine: ");
    }

    private static long number(String cell) {
        return Long.parseLong(cell.strip().replace(",", ""));
    }
}
