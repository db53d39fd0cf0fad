package io.wapipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: cores, memory, JDK and the commit. */
record Machine(int cores, long memoryMiB, String jdk, String commit) {

    static Machine current(Path repository) {
        return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryMiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), commitOf(repository));
    }

    String describe() {
        return "Machine: %d cores, %,d MiB memory, %s; commit %s. Kafka, PostgreSQL, the load generator and the services all share it."
                .formatted(cores, memoryMiB, jdk, commit);
    }

    private static long totalMemoryMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
        }
        catch (IOException e) {
            return -1;
        }
    }

    /** The commit, and whether the code measured had changes not committed yet (outside docs/, where tables go). */
    private static String commitOf(Path repository) {
        String commit = git(repository, "rev-parse", "--short", "HEAD");
        String changes = git(repository, "status", "--porcelain", "--", ".", ":!docs");
        return commit.equals("unknown") || changes.isEmpty() ? commit
                : commit + " with changes not committed yet";
    }

    private static String git(Path repository, String... arguments) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("git"));
            command.addAll(List.of(arguments));
            Process git = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
        }
        catch (IOException e) {
            return "unknown";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
