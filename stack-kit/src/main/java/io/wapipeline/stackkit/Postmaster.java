package io.wapipeline.stackkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The PostgreSQL server of a data directory: the postmaster its {@code postmaster.pid} names (first line), while it runs. */
public final class Postmaster {

    private Postmaster() {
    }

    /** The running postmaster of {@code dataDirectory}; empty when there is none, or the pid now belongs to another program. */
    public static Optional<ProcessHandle> of(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        }
        catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
