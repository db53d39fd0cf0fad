package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's home holds customer data (media, the raw webhooks in Kafka's log, the database) and is its owner's
 * alone: directories 0700, files 0600. New files get it from the umask ({@code ./run-local} and every child the stack
 * starts run with {@code umask 077}); a home of an earlier release is made private once, at start.
 */
final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

    static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates {@code home} 0700 if missing, and takes every group and others permission off what is under it. */
    static void makePrivate(Path home) {
        createDirectory(home);
        try (Stream<Path> paths = Files.walk(home)) {
            paths.filter(path -> !Files.isSymbolicLink(path)).forEach(PrivateFiles::ownerOnly);
        }
        catch (IOException | UncheckedIOException e) {
            throw new StackException("cannot make " + home + " private to its owner: " + e.getMessage());
        }
    }

    /** A directory 0700, created if missing, tightened if not. */
    static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ownerOnly(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create " + directory, e);
        }
    }

    /** A file 0600, created empty if missing (a log a child appends to), tightened if not. */
    static void createFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            ownerOnly(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create " + file, e);
        }
    }

    private static void ownerOnly(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (permissions.removeAll(GROUP_AND_OTHERS)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot make " + path + " private", e);
        }
    }

    /**
     * Kafka runs in this JVM and writes with its umask: a umask that lets group or others read (a stack started from a
     * test, or java -jar by hand) is said once; the home's 0700 still keeps everyone else out.
     */
    static void warnUnlessUmaskIsPrivate(Path directory) {
        try {
            // Not createTempFile: it makes its files 0600 whatever the umask.
            Path probe = Files.createFile(directory.resolve("umask-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".probe"));
            try {
                Set<PosixFilePermission> created = Files.getPosixFilePermissions(probe);
                created.retainAll(GROUP_AND_OTHERS);
                if (!created.isEmpty()) {
                    log.warn("This JVM's umask lets group or others read new files ({}): Kafka's log is written with it. "
                            + "The home is 0700, so no one else reaches them; ./run-local runs the stack with umask 077",
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
                }
            }
            finally {
                Files.delete(probe);
            }
        }
        catch (IOException e) {
            log.warn("Could not read the umask in {}: {}", directory, e.toString());
        }
    }
}
