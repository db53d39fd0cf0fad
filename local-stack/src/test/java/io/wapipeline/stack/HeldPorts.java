package io.wapipeline.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/** Ports held by the test, as another program would hold them. */
final class HeldPorts {

    private HeldPorts() {
    }

    /** A listening socket on {@code address} (port 0: any free one); the test is skipped on a host without IPv6. */
    static ServerSocket hold(String address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(address, port));
            return socket;
        }
        catch (SocketException unsupported) {
            socket.close();
            assumeTrue(!address.contains(":"), "no IPv6 on this host: " + unsupported.getMessage());
            throw unsupported;
        }
    }
}
