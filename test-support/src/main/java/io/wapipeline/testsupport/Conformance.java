package io.wapipeline.testsupport;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance corpus: real inbound webhook bodies from other WhatsApp projects' test data, with what a plain walk
 * of each finds ({@code expected.json}). It lives beside the repository, in {@code shared/conformance/}, and is read
 * from there at test time, never copied in; {@code -Dconformance.dir=...} points elsewhere. A clone without it skips
 * the tests that need it ({@link RequiresConformanceCorpus}); {@code -Dconformance.required=true} (CI) fails them instead.
 */
public final class Conformance {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Conformance() {
    }

    /** Where to put the corpus, for the messages that say it is missing. */
    static final String HOW_TO_PROVIDE = "put shared/conformance/ beside the repository, or run with -Dconformance.dir=<folder with"
            + " expected.json>";

    /** The corpus folder: {@code -Dconformance.dir}, else {@code shared/conformance} beside the repository. */
    public static Path directory() {
        return find().orElseThrow(() -> new IllegalStateException("the conformance corpus was not found: " + HOW_TO_PROVIDE));
    }

    /**
     * The corpus folder where there is one. A {@code -Dconformance.dir} that names a folder without the corpus is a
     * mistake, not an absence: it fails.
     */
    public static Optional<Path> find() {
        String configured = System.getProperty("conformance.dir");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(existing(Path.of(configured)));
        }
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolveSibling("shared").resolve("conformance");
            if (Files.isRegularFile(candidate.resolve("expected.json")) && Files.exists(folder.resolve(".git"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code test}, which reads the corpus, is skipped here, or nothing where the corpus is found. Where it is
     * required ({@code -Dconformance.required=true}, as CI runs) and missing, this fails instead of skipping.
     */
    static Optional<String> skipReason(String test) {
        if (find().isPresent()) {
            return Optional.empty();
        }
        if (Boolean.getBoolean("conformance.required")) {
            throw new IllegalStateException("the conformance corpus is required (-Dconformance.required=true) and was not"
                    + " found: " + HOW_TO_PROVIDE);
        }
        String reason = "skipped " + test + ": it reads the conformance corpus, which was not found (" + HOW_TO_PROVIDE + ")";
        say(reason);
        return Optional.of(reason);
    }

    /**
     * One line on the build's console: Surefire keeps what a test prints in files, but shows the test JVM's own
     * standard error as it comes.
     */
    @SuppressWarnings("resource") // the process's standard error, which stays open
    private static void say(String line) {
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).println(line);
    }

    /** Every case of {@code expected.json}, in its order. */
    public static List<Case> cases() {
        Path directory = directory();
        try {
            JsonNode expected = JSON.readTree(directory.resolve("expected.json").toFile());
            return stream(expected).map(node -> new Case(directory.resolve(node.path("file").asString()), node)).toList();
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("could not read " + directory.resolve("expected.json"), e);
        }
    }

    private static Path existing(Path directory) {
        if (!Files.isRegularFile(directory.resolve("expected.json"))) {
            throw new IllegalStateException("no expected.json in " + directory + " (-Dconformance.dir)");
        }
        return directory;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    /** One body of the corpus and what it holds. */
    public record Case(Path file, JsonNode expected) {

        public String name() {
            return expected.path("file").asString();
        }

        public byte[] body() {
            try {
                return Files.readAllBytes(file);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** False for the one file that is not a single JSON document. */
        public boolean strictJson() {
            return expected.path("strict_json").asBoolean(true);
        }

        public List<String> fields() {
            return stream(expected.path("field")).map(JsonNode::asString).toList();
        }

        public List<JsonNode> messages() {
            return stream(expected.path("messages")).toList();
        }

        public List<JsonNode> statuses() {
            return stream(expected.path("statuses")).toList();
        }
    }
}
