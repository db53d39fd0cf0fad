package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

/**
 * A service the stack started is ready only when the healthy answer on its port is its own: another process answering
 * there (another stack's ingest, say) is refused in one line naming it, and a child that dies says why.
 */
class ServiceProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String THIS_JVM = "java (pid " + ProcessHandle.current().pid() + ")";

    @TempDir
    Path home;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable part : started) {
            part.close();
        }
    }

    @Test
    void aChildAnsweringWithItsOwnInstanceIdIsReady() throws Exception {
        ServiceProcess child = launch(freePort(), "serve");

        child.awaitHealthy(START_TIMEOUT);

        assertThat(child.readyAfter()).isPositive();
    }

    /** The child is launched on a free port; someone else takes it before the child binds it, and answers healthy. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "ingest-of-another-stack")
    void anotherServerAnsweringHealthyOnThePortIsNotTakenForTheChild(String reportedId) throws Exception {
        int port = freePort();
        ServiceProcess child = launch(port, "idle");
        HttpServer impostor = FakeService.answer(new InetSocketAddress("0.0.0.0", port), reportedId);
        started.add(() -> impostor.stop(0));

        assertThatThrownBy(() -> child.awaitHealthy(START_TIMEOUT))
                .isInstanceOf(StackException.class)
                .hasMessage("port " + port + " (the ingest's) is answered by another process, " + THIS_JVM
                        + ", not by the ingest this stack started: stop it, or choose another port with --ingest-port");
    }

    @Test
    void aChildThatDiesBecauseItsPortWasTakenNamesTheHolder() throws Exception {
        int port = freePort();
        ServiceProcess child = launch(port, "fail");
        started.add(HeldPorts.hold("127.0.0.1", port));

        assertThatThrownBy(() -> child.awaitHealthy(START_TIMEOUT))
                .isInstanceOf(StackException.class)
                .hasMessage("port " + port + " (the ingest's) is in use by " + THIS_JVM
                        + ": stop it, or choose another port with --ingest-port");
    }

    @Test
    void aChildThatDiesForAnotherReasonShowsTheEndOfItsLog() throws Exception {
        ServiceProcess child = launch(freePort(), "fail");

        assertThatThrownBy(() -> child.awaitHealthy(START_TIMEOUT))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("the ingest exited with code 3 during start-up; the end of " + home.resolve("ingest.log") + ":")
                .hasMessageEndingWith("\n    APPLICATION FAILED TO START\n    Description: the database said no");
    }

    /** The port is checked once more just before the child is launched: nothing starts on a port found taken. */
    @Test
    void aTakenPortIsRefusedBeforeTheChildIsLaunched() throws Exception {
        try (ServerSocket taken = HeldPorts.hold("::", 0)) {
            assertThatThrownBy(() -> launch(taken.getLocalPort(), "serve"))
                    .isInstanceOf(StackException.class)
                    .hasMessageStartingWith("port " + taken.getLocalPort() + " (the ingest's) is in use by " + THIS_JVM);
            assertThat(ProcessHandle.current().children()).isEmpty();
        }
    }

    private ServiceProcess launch(int port, String mode) {
        ServiceProcess child = ServiceProcess.start(Service.INGEST,
                List.of("-cp", System.getProperty("java.class.path"), FakeService.class.getName(), mode), port, Map.of(),
                home.resolve("run"), home.resolve("ingest.log"));
        started.add(child);
        return child;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
