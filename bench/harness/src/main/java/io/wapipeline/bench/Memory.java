package io.wapipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory from {@code /proc/<pid>/status}: now (VmRSS) and its peak so far (VmHWM). */
final class Memory {

    private Memory() {
    }

    static long residentMiB(long pid) {
        return field(pid, "VmRSS:");
    }

    static long peakResidentMiB(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(name)).map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + " not in /proc/" + pid + "/status"));
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status (Linux only)", e);
        }
    }
}
