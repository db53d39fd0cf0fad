package io.wapipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.stackkit.Postmaster;

/** The PostgreSQL server a test JVM started ends with it, also when the JVM is killed and no shutdown hook runs. */
class TestPostgresTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String DATA_DIRECTORY = "data directory: ";

    @TempDir
    Path directory;

    @Test
    void theServerOfAKilledTestJvmStops() {
        try (ChildJvm testJvm = ChildJvm.start(AKilledTestJvm.class, directory.resolve("child.out"))) {
            await().atMost(WAIT).until(() -> testJvm.output().contains(DATA_DIRECTORY) || !testJvm.isAlive());
            Path dataDirectory = Path.of(testJvm.output().lines().filter(line -> line.startsWith(DATA_DIRECTORY))
                    .findFirst().orElseThrow(() -> new AssertionError(testJvm.output())).substring(DATA_DIRECTORY.length()));
            ProcessHandle postmaster = Postmaster.of(dataDirectory).orElseThrow(() -> new AssertionError("no postmaster in " + dataDirectory));

            testJvm.kill();

            await().atMost(WAIT).until(() -> !postmaster.isAlive());
            assertThat(Postmaster.of(dataDirectory)).isEmpty();
        }
    }

    /** A test JVM that takes a database, says where the server keeps its data, and waits to be killed. */
    static final class AKilledTestJvm {

        public static void main(String[] args) throws InterruptedException {
            TestPostgres.newDatabase();
            System.out.println(DATA_DIRECTORY + TestPostgres.dataDirectory());
            new CountDownLatch(1).await();
        }
    }
}
