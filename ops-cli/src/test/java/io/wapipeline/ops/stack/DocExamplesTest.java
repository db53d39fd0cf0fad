package io.wapipeline.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.wapipeline.ops.TestStack;

/**
 * The docs' examples cannot drift: every shell block marked {@code <!-- checked example -->} in README.md and docs/
 * is run with bash, as pasted, against the local stack ({@code .local/stack.env} read from this stack's home), and
 * must exit 0 and print every line of the output block shown under it, in that order (within 30 s: an example that
 * reads what an earlier one sent is run again until the worker has stored it). Request ids, times and
 * {@code Date:} headers differ from run to run and are compared as placeholders; a line {@code ...} in the shown
 * output stands for any lines.
 */
class DocExamplesTest {

    private static final String MARK = "<!-- checked example -->";
    private static final Pattern EXAMPLE = Pattern.compile(
            Pattern.quote(MARK) + "\\n```bash\\n(.*?)\\n```\\n(?:```[a-z]*\\n(.*?)\\n```)?", Pattern.DOTALL);
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    /** One marked block: where it is, what it runs, and what the docs say it prints (empty: nothing is shown). */
    record Example(String where, String script, String shown) {
    }

    @Test
    void everyCheckedExampleRunsAsPastedAndPrintsWhatTheDocsShow() throws Exception {
        Path stackEnv = Path.of("target/stack-home/stack.env").toAbsolutePath();
        TestStack.get();
        List<Example> examples = examples();
        assertThat(examples).as("checked examples in README.md and docs/").hasSizeGreaterThanOrEqualTo(8);
        for (Example example : examples) {
            // what an example reads may take the worker a moment to store: it is run again until it prints what is shown
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> run(example, stackEnv));
        }
    }

    private static void run(Example example, Path stackEnv) throws Exception {
        String script = example.script().replace(".local/stack.env", stackEnv.toString());
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(REPOSITORY.toFile())
                .redirectErrorStream(true);
        // only what the example itself loads: nothing of this JVM's environment may make it pass
        bash.environment().keySet().removeIf(name -> name.startsWith("WHATSAPP_") || name.equals("DATABASE_URL")
                || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
        Process process = bash.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(example.where() + " did not finish within 60 s");
        }
        String printed = output.get(10, TimeUnit.SECONDS);
        assertThat(process.exitValue()).as(example.where() + " exits 0; it printed:\n" + printed).isZero();
        assertPrints(example, printed);
    }

    /** Each shown line, in order, is one of the printed lines (placeholders for what changes between runs). */
    private static void assertPrints(Example example, String printed) {
        List<String> lines = printed.lines().map(DocExamplesTest::comparable).filter(line -> !line.startsWith("date:")).toList();
        int at = 0;
        for (String shown : example.shown().lines().map(DocExamplesTest::comparable).toList()) {
            if (shown.isEmpty() || shown.equals("...") || shown.equals("date:")) {
                continue;
            }
            int found = -1;
            for (int n = at; n < lines.size(); n++) {
                if (lines.get(n).equals(shown)) {
                    found = n;
                    break;
                }
            }
            assertThat(found).as(example.where() + ": the docs show\n  " + shown + "\nbut it printed\n" + printed).isNotNegative();
            at = found + 1;
        }
    }

    private static String comparable(String line) {
        String stable = INSTANT.matcher(UUID.matcher(line.strip()).replaceAll("<id>")).replaceAll("<time>");
        return stable.regionMatches(true, 0, "date:", 0, 5) ? "date:" : stable;
    }

    private static List<Example> examples() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(REPOSITORY.resolve("README.md")));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<Example> examples = new ArrayList<>();
        for (Path document : documents) {
            String text = Files.readString(document);
            Matcher example = EXAMPLE.matcher(text);
            while (example.find()) {
                int line = (int) text.substring(0, example.start()).lines().count() + 1;
                examples.add(new Example(REPOSITORY.relativize(document) + ":" + line, example.group(1),
                        example.group(2) == null ? "" : example.group(2)));
            }
            assertThat(text.split(Pattern.quote(MARK), -1).length - 1).as(document + ": every mark is followed by a bash block")
                    .isEqualTo((int) examples.stream().filter(e -> e.where().startsWith(REPOSITORY.relativize(document) + ":")).count());
        }
        return examples;
    }
}
