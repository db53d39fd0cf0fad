package io.wapipeline.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small process beside the stack that outlives it: when the stack's JVM ends without stopping its parts (kill -9, a
 * crash), the watchdog stops the services and PostgreSQL it left running, so that a stack that dies leaves nothing.
 */
final class Watchdog {

    private Watchdog() {
    }

    /** Starts a watchdog for this JVM's stack in {@code home}, writing to {@code logs/watchdog.log}. */
    static ProcessHandle start(Path home) {
        List<String> command = new ArrayList<>(ownProgram());
        command.addAll(List.of("--home=" + home, "--watch-stack=" + ProcessHandle.current().pid()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs/watchdog.log").toFile())).start();
            return process.toHandle();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start the stack's watchdog: " + command, e);
        }
    }

    /** Waits for the stack's JVM to end, then stops whatever of its parts it left running. */
    static void watch(Path home, long stackPid) {
        ProcessHandle.of(stackPid).ifPresent(stack -> stack.onExit().join());
        new StackProcesses(home).stopLeftovers(System.out::println);
    }

    /** This program again: {@code java -jar <the stack's jar>}, or its main class on this JVM's class path. */
    private static List<String> ownProgram() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith("-exec.jar")) {
            return List.of(java, "-jar", classPath);
        }
        return List.of(java, "-cp", classPath, LocalStackCommand.class.getName());
    }
}
