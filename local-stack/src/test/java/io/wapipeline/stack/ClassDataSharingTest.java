package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-local's quick start, with the ingest alone (the worker's archive is made the same way): the first start runs it
 * from its extracted jar and makes its class data archive in the background; the second start's JVM maps the archive;
 * an archive that the JVM would not map is replaced, and a changed jar gets an archive of its own. Outcomes only: the
 * child's command line, the files it maps (/proc/PID/maps), the files left under the home.
 */
class ClassDataSharingTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    /** A guard against a hang, never a measure: a start under full load took over two minutes. */
    private static final Duration WAIT = Duration.ofMinutes(10);

    @TempDir
    Path work;

    private Path checkout;
    private Path jar;
    private StackSettings settings;

    /** A checkout of its own with a copy of the ingest's jar, which the test changes as a rebuild would. */
    @BeforeEach
    void checkoutWithTheIngestJar() throws IOException {
        checkout = work.resolve("checkout");
        Path built = serviceJar(REPOSITORY, Service.INGEST);
        jar = Files.createDirectories(checkout.resolve("ingest-service/target")).resolve(built.getFileName());
        Files.copy(built, jar);
        settings = new StackSettings(checkout, work.resolve("home"), false, Optional.empty(), Optional.empty(), 0, 0, 0, 0,
                EnumSet.of(Service.INGEST)).with(StackSettings.ServiceJvms.QUICK_START);
    }

    @Test
    void theFirstStartMakesTheArchiveTheNextUseItAndABadArchiveOrAChangedJarGetsANewOne() throws IOException {
        Path archive;
        try (LocalStack first = LocalStack.start(settings)) {
            archive = first.classDataArchive(Service.INGEST).orElseThrow();
            assertThat(commandLine(first)).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"))
                    .contains(archive.resolveSibling(jar.getFileName()).toString());
            first.classDataTraining().join();
        }
        assertThat(archive).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.home().resolve("cds")))).isEqualTo("rwx------");

        try (LocalStack second = LocalStack.start(settings)) {
            assertThat(commandLine(second)).contains("-XX:SharedArchiveFile=" + archive);
            assertThat(mappedFiles(second)).contains(archive.toString());
            assertThat(second.classDataTraining()).isCompleted();
        }

        truncate(archive);
        LocalStack third = LocalStack.start(settings);
        ProcessHandle training;
        try {
            assertThat(commandLine(third)).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"));
            assertThat(third.classDataArchive(Service.INGEST)).contains(archive);
            training = await().atMost(WAIT).until(this::trainingRun, Optional::isPresent).orElseThrow();
        }
        finally {
            third.close();
        }
        assertThat(training.isAlive()).as("the training run, stopped with the stack").isFalse();
        assertThat(archive).as("a stopped training keeps nothing").doesNotExist();

        changeJar();
        try (LocalStack fourth = LocalStack.start(settings)) {
            Path rebuilt = fourth.classDataArchive(Service.INGEST).orElseThrow();
            assertThat(rebuilt.getParent()).isNotEqualTo(archive.getParent());
            assertThat(archive.getParent()).as("the previous jar's extraction").doesNotExist();
            assertThat(commandLine(fourth)).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"));
            fourth.classDataTraining().join();
            assertThat(rebuilt).isRegularFile();
        }
    }

    private static Path serviceJar(Path repository, Service service) throws IOException {
        try (var files = Files.list(repository.resolve(service.module()).resolve("target"))) {
            return files.filter(file -> file.getFileName().toString().matches(service.module() + "-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("build the " + service.module() + " jar first"));
        }
    }

    private static List<String> commandLine(LocalStack stack) {
        return ProcessHandle.of(stack.pid(Service.INGEST)).flatMap(process -> process.info().arguments()).map(List::of)
                .orElseThrow(() -> new AssertionError("the ingest's command line cannot be read"));
    }

    private static String mappedFiles(LocalStack stack) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(stack.pid(Service.INGEST)), "maps"));
    }

    private Optional<ProcessHandle> trainingRun() {
        return new StackProcesses(settings.home()).running(StackProcesses.CLASS_DATA_TRAINING);
    }

    /** As a full disk would leave it: such a file crashes a JDK 17 that maps it. */
    private static void truncate(Path file) throws IOException {
        try (RandomAccessFile open = new RandomAccessFile(file.toFile(), "rw")) {
            open.setLength(open.length() / 2);
        }
    }

    /** A rebuild that changed the jar's content: one more file in it, the rest (nested jars stored as they are) kept. */
    private void changeJar() throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Files.writeString(zip.getPath("META-INF/rebuilt.txt"), "a change");
        }
    }
}
