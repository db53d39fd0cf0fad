package io.wapipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service's threads as {@code jcmd <pid> Thread.print} shows them: how many container (Tomcat) threads there are and
 * how many of them are inside a given frame, such as the Kafka producer's {@code waitOnMetadata}.
 */
record ThreadDump(List<String> threads) {

    static ThreadDump of(long pid) {
        Path jcmd = Path.of(ChildProcess.java()).resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " Thread.print failed:\n" + output);
            }
            return new ThreadDump(Arrays.stream(output.split("\n\n")).filter(block -> block.startsWith("\"")).toList());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not run jcmd (it comes with the JDK)", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while jcmd ran", e);
        }
    }

    /** Tomcat's request threads ({@code http-nio-<port>-exec-<n>}). */
    long containerThreads() {
        return threads.stream().filter(ThreadDump::isContainerThread).count();
    }

    /**
     * Container threads waiting (parked, sleeping, in {@code Object.wait}) with {@code frame} on their stack: a thread
     * caught running through it is not counted.
     */
    long containerThreadsWaitingIn(String frame) {
        return threads.stream().filter(ThreadDump::isContainerThread).filter(block -> block.contains(frame))
                .filter(block -> block.contains("java.lang.Thread.State: WAITING") || block.contains("java.lang.Thread.State: TIMED_WAITING"))
                .count();
    }

    /** Container threads doing something other than waiting for the next request. */
    long busyContainerThreads() {
        return threads.stream().filter(ThreadDump::isContainerThread)
                .filter(block -> !block.contains("TaskQueue.take") && !block.contains("TaskQueue.poll")).count();
    }

    private static boolean isContainerThread(String block) {
        return block.startsWith("\"http-nio-") && block.contains("-exec-");
    }
}
