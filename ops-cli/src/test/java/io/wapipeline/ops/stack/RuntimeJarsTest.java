package io.wapipeline.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Test code never runs at run time: the jars that {@code ./run-local} and production run hold no test kit, neither as
 * a nested library nor as classes of their own.
 */
class RuntimeJarsTest {

    private static final Pattern TEST_KIT_LIBRARY = Pattern.compile(
            "BOOT-INF/lib/(spring-kafka-test|spring-test|spring-boot-test|testcontainers|docker-java|junit|opentest4j"
                    + "|assertj|awaitility|jqwik|test-support|kafka-test-common|.*-test\\.jar).*");

    private static final Pattern TEST_KIT_CLASS = Pattern.compile(
            "(BOOT-INF/classes/)?(org/junit|org/testcontainers|org/springframework/test|org/springframework/kafka/test"
                    + "|io/wapipeline/testsupport)/.*");

    @Test
    void theLocalStacksJarHoldsNoTestKit() throws IOException {
        assertNoTestKit(jar("local-stack", "local-stack-.*-exec\\.jar"));
    }

    @Test
    void theServicesJarsHoldNoTestKit() throws IOException {
        assertNoTestKit(jar("ingest-service", "ingest-service-[^-]*-SNAPSHOT\\.jar|ingest-service-[0-9.]*\\.jar"));
        assertNoTestKit(jar("worker-service", "worker-service-[^-]*-SNAPSHOT\\.jar|worker-service-[0-9.]*\\.jar"));
    }

    private static void assertNoTestKit(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = Collections.list(file.entries()).stream().map(e -> e.getName()).toList();
            assertThat(entries).as("entries of %s", jar).isNotEmpty().anyMatch(name -> name.startsWith("BOOT-INF/lib/"));
            assertThat(entries).as("test-kit libraries in %s", jar).noneMatch(name -> TEST_KIT_LIBRARY.matcher(name).matches());
            assertThat(entries).as("test-kit classes in %s", jar).noneMatch(name -> TEST_KIT_CLASS.matcher(name).matches());
        }
    }

    private static Path jar(String module, String name) throws IOException {
        Path target = Path.of("..").resolve(module).resolve("target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no jar matching " + name + " in " + target));
        }
    }
}
