package io.wapipeline.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.wapipeline.ops.Environment;
import io.wapipeline.stackkit.OrphanGuard;
import io.wapipeline.testsupport.ChildJvm;

/**
 * {@code ./run-local} as a user runs it, in a process group of its own as a terminal would start it. Ctrl-C reaches
 * the whole group while the worker is writing: the stack stops in order, without a database error, and everything
 * answered 200 is stored after the next start. Then its JVM is killed with {@code kill -9}: its watchdog stops the
 * services and PostgreSQL, and nothing of the stack is left running. Nor is anything when the script itself is killed
 * with {@code kill -9}: the stack sees the end of its input and stops in order. What the run wrote under its home
 * (media, Kafka's log, the database, logs, class data) is its owner's alone.
 */
class RunLocalTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target/run-local-home").toAbsolutePath();
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final List<Process> started = new ArrayList<>();
    private final int[] ports = new int[4];

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void ctrlCStopsTheStackInOrderAndAKilledStackOrScriptLeavesNothingRunning() throws Exception {
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
        }
        Process first = runLocal("--reset");
        Map<String, String> settings = stackEnv();
        StackTraffic traffic = new StackTraffic(settings.get("WHATSAPP_WEBHOOK_URL").replace("/api/whatsapp/webhook", ""),
                settings.get("WHATSAPP_APP_SECRET"), settings.get("DATABASE_URL"));
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            for (int n = 0; sending.get(); n++) {
                String id = "wamid.RUNLOCAL-" + n;
                if (traffic.post(StackTraffic.text(id, "55119666" + String.format("%05d", n % 40))) == 200) {
                    accepted.add(id);
                }
            }
        }, "run-local-test-sender");
        sender.start();
        await().atMost(WAIT).until(() -> traffic.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.RUNLOCAL-%'") >= 100);

        ChildJvm.signal("-INT", "-" + first.pid());
        assertThat(first.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("run-local stopped after Ctrl-C").isTrue();
        sending.set(false);
        sender.join();
        assertThat(output(first)).contains("Stopping the local stack (ingest, worker, Kafka, PostgreSQL)").contains("Stopped.");
        String workerLog = Files.readString(HOME.resolve("logs/worker.log"));
        assertThat(workerLog).doesNotContain("57P01").doesNotContain("Error handler threw").doesNotContain("terminating connection");
        assertThat(accepted).hasSizeGreaterThan(100);
        assertThat(readableByOthers(HOME)).as("files under the stack's home that group or others may read or write").isEmpty();

        Process second = runLocal();
        await().atMost(WAIT).until(() -> traffic.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.RUNLOCAL-%'")
                >= accepted.size());
        assertThat(traffic.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.RUNLOCAL-%'")).isEqualTo(accepted.size());
        assertThat(traffic.count("SELECT sum(message_count) FROM whatsapp_conversation WHERE contact_id LIKE '55119666%'"))
                .isEqualTo(accepted.size());

        Map<String, Long> pids = recordedPids();
        List<ProcessHandle> parts = List.of(handle(pids.get("ingest")), handle(pids.get("worker")), handle(pids.get("watchdog")),
                handle(postmasterPid()));
        ChildJvm.signal("-KILL", Long.toString(pids.get("stack")));
        await().atMost(WAIT).until(() -> parts.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(second.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(HOME.resolve("logs/watchdog.log"))).contains("Stopped the ingest").contains("Stopped the worker")
                .contains("Stopped the PostgreSQL server");

        Process third = runLocal();
        List<ProcessHandle> all = new ArrayList<>(third.descendants().toList());
        all.add(handle(postmasterPid()));
        ChildJvm.signal("-KILL", Long.toString(third.pid()));
        await().atMost(WAIT).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(output(third)).contains("run-local ended: stopping the local stack.").contains("Stopped.");
    }

    private Process runLocal(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid", "bash", "run-local", "--home=" + HOME, "--kafka-port=" + ports[0],
                "--postgres-port=" + ports[1], "--ingest-port=" + ports[2], "--worker-port=" + ports[3]));
        command.addAll(List.of(extra));
        Files.createDirectories(HOME.getParent());
        Path out = HOME.getParent().resolve("run-local-" + started.size() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("RUN_LOCAL_NO_BUILD", "1");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("DATABASE_URL");
        Process process = builder.start();
        started.add(process);
        // A test run stopped mid-way (its JVM killed) still stops run-local, which runs in a session of its own.
        OrphanGuard.ofThisJvm().stopOnExit(process.toHandle(), "run-local");
        await().atMost(WAIT).until(() -> Files.readString(out).contains("The local stack is running") || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(out)).isTrue();
        return process;
    }

    private String output(Process process) throws IOException {
        return Files.readString(HOME.getParent().resolve("run-local-" + started.indexOf(process) + ".out"));
    }

    private static Map<String, String> stackEnv() {
        Map<String, String> values = new HashMap<>();
        Environment.dotEnv(HOME.resolve("stack.env")).forEach((name, value) -> values.put((String) name, (String) value));
        return values;
    }

    private static Map<String, Long> recordedPids() throws IOException {
        Map<String, Long> pids = new HashMap<>();
        for (String line : Files.readAllLines(HOME.resolve("run/stack.pids"))) {
            String[] fields = line.split(" ");
            pids.put(fields[0], Long.parseLong(fields[1]));
        }
        return pids;
    }

    private static long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(HOME.resolve("postgres/postmaster.pid")).get(0).strip());
    }

    private static ProcessHandle handle(long pid) {
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is not running"));
    }

    /** Every file and folder under {@code home} (itself included) with a group or others permission, and its mode. */
    private static List<String> readableByOthers(Path home) throws IOException {
        try (var paths = Files.walk(home)) {
            return paths.filter(path -> !Files.isSymbolicLink(path)).map(RunLocalTest::modeIfShared).filter(mode -> !mode.isEmpty())
                    .toList();
        }
    }

    private static String modeIfShared(Path path) {
        try {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
            return mode.endsWith("------") ? "" : mode + " " + path;
        }
        catch (IOException vanished) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
