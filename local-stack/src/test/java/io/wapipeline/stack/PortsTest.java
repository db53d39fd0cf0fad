package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A port the stack is told to use and finds taken, on any address, is one line naming the port, whose it was to be,
 * its holder, and the option to choose another.
 */
class PortsTest {

    private static final String THIS_JVM = "java (pid " + ProcessHandle.current().pid() + ")";

    @Test
    void aTakenPortIsOneLineNamingItsHolderAndTheOptionToChooseAnother() throws Exception {
        try (ServerSocket taken = HeldPorts.hold("127.0.0.1", 0)) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(port, "the ingest's", "--ingest-port"))
                    .isInstanceOf(StackException.class)
                    .hasMessage("port " + port + " (the ingest's) is in use by " + THIS_JVM
                            + ": stop it, or choose another port with --ingest-port");
        }
    }

    /** The stack listens on 127.0.0.1, yet a holder on any other address answers localhost too, or blocks the bind. */
    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "0.0.0.0", "::", "::1" })
    void aPortHeldOnAnyAddressIsNotFree(String address) throws Exception {
        try (ServerSocket taken = HeldPorts.hold(address, 0)) {
            assertThat(Ports.free(taken.getLocalPort())).isFalse();
        }
    }

    /** Where {@code ss} is not installed, the holder is read from /proc: the same name. */
    @Test
    void theHolderIsReadFromProcToo() throws Exception {
        try (ServerSocket taken = HeldPorts.hold("0.0.0.0", 0)) {
            assertThat(PortHolder.fromProc(taken.getLocalPort())).contains(THIS_JVM);
            assertThat(PortHolder.of(taken.getLocalPort())).contains(THIS_JVM);
        }
    }

    /** The port a stopped stack's ingest answered on is free at once, though its last connections wait in TIME_WAIT. */
    @Test
    void aClosedConnectionWaitingInTimeWaitDoesNotHoldThePort() throws Exception {
        int port;
        try (ServerSocket listener = HeldPorts.hold("127.0.0.1", 0); Socket client = new Socket("127.0.0.1", listener.getLocalPort())) {
            port = listener.getLocalPort();
            listener.accept().close();
            assertThat(client.getInputStream().read()).as("the server's side closed first").isEqualTo(-1);
        }

        assertThat(Ports.free(port)).isTrue();
    }

    @Test
    void anyFreePortWillDo() {
        assertThatCode(() -> Ports.requireFree(0, "the worker's", "--worker-port")).doesNotThrowAnyException();
    }
}
