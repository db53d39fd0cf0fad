package io.wapipeline.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ports the stack is told to use must be free; when one is not, one line says which, and who holds it if known. */
final class Ports {

    private static final Pattern HOLDER = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");

    private Ports() {
    }

    /** Nothing for port 0 (any free port will do). */
    static void requireFree(int port, String whose, String option) {
        if (port <= 0 || free(port)) {
            return;
        }
        throw new StackException("port " + port + " (" + whose + ") is in use" + holder(port).map(h -> " by " + h).orElse("")
                + ": stop it, or choose another port with " + option);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(ServiceProcess.LOOPBACK, port));
            return true;
        }
        catch (IOException taken) {
            return false;
        }
    }

    /** The holder as {@code ss -ltnp} names it ({@code java (pid 1234)}), where {@code ss} is installed and may tell. */
    private static Optional<String> holder(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(2, TimeUnit.SECONDS)) {
                ss.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = HOLDER.matcher(output);
            return matcher.find() ? Optional.of(matcher.group(1) + " (pid " + matcher.group(2) + ")") : Optional.empty();
        }
        catch (IOException notInstalled) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
