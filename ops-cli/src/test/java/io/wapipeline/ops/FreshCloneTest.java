package io.wapipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.testsupport.Conformance;
import io.wapipeline.testsupport.RequiresConformanceCorpus;

/**
 * The README's test command in a clone with nothing beside it: the tests that read the external conformance corpus
 * are skipped, each saying so in one line, and the build passes; where the corpus is required (as CI requires it)
 * its absence fails the build; where it is named, those tests run. To stay short this runs the corpus's first
 * reader, the parser's fuzzing, with few tries; the whole suite was run so once by hand (docs/testing.md).
 */
class FreshCloneTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String CORPUS_PROPERTY = "mutatedCorpusWebhooksAreReadItemByItemOrRefusedWhole";

    @TempDir
    static Path folder;

    static Path clone;

    /** Every file git would commit (tracked, or new and not ignored), as a clone of this working tree would have it. */
    @BeforeAll
    static void cloneWithNothingBesideIt() throws Exception {
        clone = folder.resolve("repository");
        Process files = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(REPOSITORY.toFile()).start();
        String listed = new String(files.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(files.waitFor()).isZero();
        for (String file : listed.split("\0")) {
            Path source = REPOSITORY.resolve(file);
            if (!file.isEmpty() && Files.isRegularFile(source)) {
                Files.createDirectories(clone.resolve(file).getParent());
                Files.copy(source, clone.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertThat(run(clone, List.of("git", "init", "-q")).exitCode()).isZero();
        assertThat(folder.resolve("shared")).doesNotExist();
    }

    @Test
    void withoutTheCorpusItsTestsAreSkippedInOneLineEachAndTheBuildPasses() throws Exception {
        Build build = maven();

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output()).contains("skipped " + CORPUS_PROPERTY + ": it reads the conformance corpus, which was not"
                + " found (put shared/conformance/ beside the repository, or run with -Dconformance.dir=")
                .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 1").contains("BUILD SUCCESS");
    }

    @Test
    void whereTheCorpusIsRequiredItsAbsenceFailsTheBuild() throws Exception {
        Build build = maven("-Dconformance.required=true");

        assertThat(build.exitCode()).as(build.output()).isNotZero();
        assertThat(build.output()).contains("the conformance corpus is required (-Dconformance.required=true) and was not found")
                .contains("BUILD FAILURE");
    }

    @Test
    @RequiresConformanceCorpus
    void whereTheCorpusIsNamedItsTestsRun() throws Exception {
        Build build = maven("-Dconformance.dir=" + Conformance.directory(), "-Dconformance.required=true");

        assertThat(build.exitCode()).as(build.output()).isZero();
        assertThat(build.output()).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0").doesNotContain("skipped "
                + CORPUS_PROPERTY);
    }

    /** The README's command, offline (this build fetched what it needs), for the parser's module and few tries. */
    private static Build maven(String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-o", "verify", "-pl", "shared-model", "-am",
                "-Dtest=ParserFuzzTest", "-Dsurefire.failIfNoSpecifiedTests=false", "-Djqwik.tries.default=20"));
        command.addAll(List.of(properties));
        return run(clone, command);
    }

    private static Build run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(folder, "build", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        try {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                throw new AssertionError(String.join(" ", command) + " did not end within 15 minutes");
            }
        }
        finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Build(process.exitValue(), Files.readString(log));
    }

    private record Build(int exitCode, String output) {
    }
}
