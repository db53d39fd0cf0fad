package io.wapipeline.stack;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Ports the stack is told to use must be free on every address, not only on the loopback it listens on: a holder on
 * {@code 0.0.0.0}, {@code ::} or {@code ::1} answers {@code localhost} too, and would answer the stack's own probes.
 * When one is not free, one line says which, and who holds it if that can be known.
 */
final class Ports {

    /** Binding the IPv4 loopback, every IPv4 address, and every IPv6 address (which covers {@code ::1}). */
    private static final List<String> ADDRESSES = List.of(ServiceProcess.LOOPBACK, "0.0.0.0", "::");

    private Ports() {
    }

    /** Nothing for port 0 (any free port will do). */
    static void requireFree(int port, String whose, String option) {
        if (port > 0 && !free(port)) {
            throw inUse(port, whose, option);
        }
    }

    /** {@code port 8080 (the ingest's) is in use by java (pid 4321): stop it, or choose another port with --ingest-port}. */
    static StackException inUse(int port, String whose, String option) {
        return new StackException("port " + port + " (" + whose + ") is in use" + PortHolder.of(port).map(h -> " by " + h).orElse("")
                + remedy(option));
    }

    /** The port answers, but not as the child the stack started: someone else holds it. */
    static StackException answeredByAnother(int port, String whose, String child, String option) {
        return new StackException("port " + port + " (" + whose + ") is answered by another process"
                + PortHolder.of(port).map(h -> ", " + h + ",").orElse("") + " not by the " + child + " this stack started"
                + remedy(option));
    }

    private static String remedy(String option) {
        return ": stop it" + (option.isEmpty() ? "" : ", or choose another port with " + option);
    }

    /** True when nothing listens on the port, on any address. */
    static boolean free(int port) {
        return ADDRESSES.stream().allMatch(address -> bindable(address, port));
    }

    /**
     * With SO_REUSEADDR, as the services bind theirs: a connection of a stopped stack waiting in TIME_WAIT holds
     * nothing, while a listening socket (whatever its own options) still refuses the bind. An address this host
     * cannot use at all (no IPv6) holds nothing either.
     */
    private static boolean bindable(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        }
        catch (BindException taken) {
            return false;
        }
        catch (IOException unusableAddress) {
            return true;
        }
    }
}
