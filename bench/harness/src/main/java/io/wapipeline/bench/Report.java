package io.wapipeline.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The results as a Markdown table, printed and (for full runs) appended to {@code docs/benchmarks.md}, or for the fault
 * suite to {@code docs/reliability.md}.
 */
final class Report {

    private static final List<String> BENCHMARK_COLUMNS = List.of("benchmark", "figure", "ceiling", "ratio", "target", "");

    private Report() {
    }

    static String markdown(String title, Machine machine, List<Row> rows) {
        return markdown("## " + title, machine, BENCHMARK_COLUMNS, rows.stream().map(Row::cells).toList());
    }

    /** Any table: under {@code heading} (its #s included) and the date, the machine, then the columns and rows. */
    static String markdown(String heading, Machine machine, List<String> columns, List<List<String>> rows) {
        StringBuilder text = new StringBuilder("\n").append(heading).append(", ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("\n\n").append(machine.describe()).append("\n\n")
                .append(line(columns)).append(line(columns.stream().map(column -> "---").toList()));
        rows.forEach(row -> text.append(line(row)));
        return text.toString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    static void print(PrintWriter out, String markdown) {
        out.println(markdown);
        out.flush();
    }

    static void append(Path file, String markdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    /**
     * Appends at the end of {@code file}, under the heading {@code section} (e.g. {@code ## Fault suite runs}), which is
     * added at the end first if the file does not have it yet.
     */
    static void appendUnder(Path file, String section, String markdown) {
        try {
            boolean present = Files.exists(file) && Files.readAllLines(file).contains(section);
            append(file, present ? markdown : "\n" + section + "\n" + markdown);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
