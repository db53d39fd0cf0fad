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

/** The results as a Markdown table, printed and (for full runs) appended to {@code docs/benchmarks.md}. */
final class Report {

    private Report() {
    }

    static String markdown(String title, Machine machine, List<Row> rows) {
        StringBuilder text = new StringBuilder("\n## ").append(title).append(", ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append("\n\n").append(machine.describe()).append("\n\n")
                .append("| benchmark | figure | ceiling | ratio | target | |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            text.append("| %s | %s | %s | %s | %s | %s |%n".formatted(row.benchmark(), row.figure(), row.ceiling(),
                    row.ratio(), row.target(), row.verdict()));
        }
        return text.toString();
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
}
