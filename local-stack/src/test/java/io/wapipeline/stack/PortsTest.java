package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** A port the stack is told to use and finds taken is one line, naming the port, whose it was to be, and the option. */
class PortsTest {

    @Test
    void aTakenPortIsOneLineNamingItAndTheOptionToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(port, "the ingest's", "--ingest-port"))
                    .isInstanceOf(StackException.class)
                    .hasMessageStartingWith("port " + port + " (the ingest's) is in use")
                    .hasMessageEndingWith(": stop it, or choose another port with --ingest-port")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void anyFreePortWillDo() {
        assertThatCode(() -> Ports.requireFree(0, "the worker's", "--worker-port")).doesNotThrowAnyException();
    }
}
