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

    private static String commitOf(Path repository) {
        try {
            Process git = new ProcessBuilder(List.of("git", "rev-parse", "--short", "HEAD")).directory(repository.toFile())
                    .redirectErrorStream(true).start();
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
