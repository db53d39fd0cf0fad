package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who listens on a port, as {@code java (pid 4321)}: what {@code ss -ltnp} says, or, where {@code ss} is not installed,
 * the same read from {@code /proc} (the listening socket's inode, then the process holding it). Neither can name a
 * process of another user; then the holder is unknown.
 */
final class PortHolder {

    private static final Pattern SS_USER = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");
    private static final String LISTEN = "0A";

    private PortHolder() {
    }

    static Optional<String> of(int port) {
        return fromSs(port).or(() -> fromProc(port));
    }

    static Optional<String> fromSs(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ss.waitFor(2, TimeUnit.SECONDS)) {
                ss.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = SS_USER.matcher(output);
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

    static Optional<String> fromProc(int port) {
        Set<String> sockets = listeningSocketInodes(port).stream().map(inode -> "socket:[" + inode + "]").collect(Collectors.toSet());
        if (sockets.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(process -> holdsAny(process, sockets)).findFirst()
                    .map(process -> command(process) + " (pid " + process.getFileName() + ")");
        }
        catch (IOException | UncheckedIOException noProc) {
            return Optional.empty();
        }
    }

    /**
     * The inodes of sockets listening on the port, from {@code /proc/net/tcp} and {@code tcp6}: the local address is
     * the second field ({@code 0100007F:1F90}), the state the fourth, the inode the tenth.
     */
    private static List<String> listeningSocketInodes(int port) {
        String localPort = ":%04X".formatted(port);
        return Stream.of("/proc/net/tcp", "/proc/net/tcp6").map(Path::of).flatMap(PortHolder::linesOf)
                .map(line -> line.trim().split("\\s+")).filter(fields -> fields.length > 9)
                .filter(fields -> fields[1].endsWith(localPort) && fields[3].equals(LISTEN))
                .map(fields -> fields[9]).filter(inode -> !inode.equals("0")).toList();
    }

    private static boolean holdsAny(Path process, Set<String> sockets) {
        try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
            return descriptors.anyMatch(descriptor -> sockets.contains(linkOf(descriptor)));
        }
        catch (IOException | UncheckedIOException notOurs) {
            return false;
        }
    }

    private static String linkOf(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        }
        catch (IOException closedMeanwhile) {
            return "";
        }
    }

    private static String command(Path process) {
        return linesOf(process.resolve("comm")).findFirst().orElse("a process");
    }

    private static Stream<String> linesOf(Path file) {
        try {
            return Files.readAllLines(file).stream();
        }
        catch (IOException unreadable) {
            return Stream.empty();
        }
    }
}
