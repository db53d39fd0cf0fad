package io.wapipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's Boot jar extracted under the stack's home, with the class data archive (JDK Class Data Sharing) of the
 * classes its start-up loads: a JVM that maps the archive skips most of the parsing and verifying of those classes.
 * <p>
 * The JVM uses an archive only with the class path it was made from, as plain jars (not a jar's nested ones), and only
 * the JVM build that made it. So the jar is extracted ({@code java -Djarmode=tools -jar JAR extract}, Spring Boot's
 * layout for CDS) into {@code <home>/cds/<module>-<first 12 hex digits of the jar's SHA-256>/}, and the archive there
 * is named after the JVM: a rebuilt jar gets a directory, and so an archive, of its own, and another JDK an archive of
 * its own. The archive is made by a training run ({@link #trainingArguments()}), and kept only once a JVM has mapped it
 * ({@link #keepTrained}).
 */
final class ClassDataArchive {

    /** Everything of the stack's Class Data Sharing, under the stack's home: delete it and the next starts remake it. */
    static final String DIRECTORY = "cds";

    private static final String EXTRACTING = ".extracting";
    private static final String TRAINING = ".training";

    private final Service service;
    private final Path applicationJar;
    private final Path archive;

    private ClassDataArchive(Service service, Path applicationJar, Path archive) {
        this.service = service;
        this.applicationJar = applicationJar;
        this.archive = archive;
    }

    /**
     * The extracted form of {@code jar} under {@code home}, extracted now unless it is already (a failure says why in
     * {@code log}); other versions of the service's jar extracted there before are deleted. An archive that
     * this JVM does not map is deleted too, so that the service never gets one that it would refuse with a warning
     * or that would crash it (a truncated archive does). The check runs a JVM with the service's {@code environment}.
     */
    static ClassDataArchive prepare(Service service, Path jar, Path home, Map<String, String> environment, Path log) {
        Path root = home.resolve(DIRECTORY);
        String name = service.module() + "-" + sha256(jar).substring(0, 12);
        Path directory = root.resolve(name);
        createOwnerOnlyDirectory(root);
        deleteOtherVersions(root, service, name);
        if (!Files.isDirectory(directory)) {
            extract(jar, directory, log);
        }
        ClassDataArchive prepared = new ClassDataArchive(service, directory.resolve(jar.getFileName()),
                directory.resolve(jvmName() + ".jsa"));
        prepared.deleteUnlessMapped(environment, log);
        return prepared;
    }

    /** {@code java}'s arguments that run the service: its extracted jar, with the archive if asked (once made). */
    List<String> javaArguments(boolean withArchive) {
        List<String> arguments = new ArrayList<>();
        if (withArchive && made()) {
            arguments.add("-XX:SharedArchiveFile=" + archive);
        }
        arguments.addAll(List.of("-jar", applicationJar.toString()));
        return arguments;
    }

    /** Whether the archive is there, mapped once by this JVM: the service starts with it. */
    boolean made() {
        return Files.isRegularFile(archive);
    }

    Path archive() {
        return archive;
    }

    /**
     * {@code java}'s arguments of a training run: Spring refreshes the service's context (its beans made, its settings
     * checked, its database migrated) and exits before it starts anything (no port bound, no Kafka consumer joins the
     * service's group); the JVM then writes what it loaded to the archive's training file.
     */
    List<String> trainingArguments() {
        return List.of("-XX:ArchiveClassesAtExit=" + trainingFile(), "-Dspring.context.exit=onRefresh", "-jar",
                applicationJar.toString());
    }

    /**
     * After a training run that exited with 0: the archive it wrote becomes the service's, readable by its owner only,
     * if a JVM maps it. Returns whether it did.
     */
    boolean keepTrained(Map<String, String> environment, Path log) {
        Path trained = trainingFile();
        if (!Files.isRegularFile(trained) || !maps(trained, environment, log)) {
            deleteIfExists(trained);
            return false;
        }
        try {
            Files.setPosixFilePermissions(trained, PosixFilePermissions.fromString("rw-------"));
            Files.move(trained, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not keep " + trained, e);
        }
    }

    /** What a training run that did not end well left. */
    void discardTraining() {
        deleteIfExists(trainingFile());
    }

    Service service() {
        return service;
    }

    private Path trainingFile() {
        return archive.resolveSibling(archive.getFileName() + TRAINING);
    }

    private void deleteUnlessMapped(Map<String, String> environment, Path log) {
        discardTraining();
        if (made() && !maps(archive, environment, log)) {
            deleteIfExists(archive);
        }
    }

    /**
     * Whether a JVM of this build maps {@code candidate} with the service's class path: {@code -Xshare:on} makes any
     * mismatch an error instead of a warning. The probe prints its version and nothing else (0.3 s).
     */
    private boolean maps(Path candidate, Map<String, String> environment, Path log) {
        return run(List.of(ServiceProcess.javaExecutable(), "-Xshare:on", "-XX:SharedArchiveFile=" + candidate,
                "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=" + log.resolveSibling(service.label() + "-cds-crash.log"),
                "-cp", applicationJar.toString(), "-version"), environment, log) == 0;
    }

    /** The Boot jar's layout for CDS, extracted beside its final place and moved there once complete. */
    private static void extract(Path jar, Path directory, Path log) {
        Path partial = directory.resolveSibling(directory.getFileName() + EXTRACTING);
        deleteTree(partial);
        int exit = run(List.of(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", partial.toString()), Map.of(), log);
        if (exit != 0) {
            deleteTree(partial);
            throw new IllegalStateException("could not extract " + jar + " (exit code " + exit + "; see " + log + ")");
        }
        try {
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not move " + partial + " to " + directory, e);
        }
    }

    /** Runs a short command to its end; what it printed goes to {@code log} only when it fails, to say why. */
    private static int run(List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.withPrivateUmask(command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = null;
        try {
            process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            if (exit != 0) {
                Files.write(log, (String.join(" ", command) + " exited with " + exit + ":\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Files.write(log, output, StandardOpenOption.APPEND);
            }
            return exit;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                waitQuietly(process);
            }
        }
    }

    private static void waitQuietly(Process process) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * This JVM's build, which the children run too: an archive is refused by any other. The version is in the name to
     * say which; the digest of the JDK's home and version tells apart two installations of one version.
     */
    static String jvmName() {
        String version = System.getProperty("java.vm.version");
        String identity = System.getProperty("java.home") + "\n" + version;
        String digest = HexFormat.of().formatHex(digest(identity.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        return "jdk-" + version.replaceAll("[^A-Za-z0-9.+-]", "_") + "-" + digest;
    }

    /** The jar's content, not its time: bin/build-if-stale touches jars that a build found current. */
    private static String sha256(Path jar) {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(jar)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha.update(buffer, 0, read);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + jar, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] digest(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A rebuilt jar leaves its predecessor's directory behind, and a stopped extraction its partial one. */
    private static void deleteOtherVersions(Path root, Service service, String current) {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(entry -> isVersionOf(entry, service) && !entry.getFileName().toString().equals(current))
                    .forEach(ClassDataArchive::deleteTree);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not list " + root, e);
        }
    }

    /** {@code <module>-<12 hex digits>}, possibly {@code .extracting}: not another module whose name begins alike. */
    private static boolean isVersionOf(Path entry, Service service) {
        return entry.getFileName().toString().matches(Pattern.quote(service.module())
                + "-[0-9a-f]{12}(" + Pattern.quote(EXTRACTING) + ")?");
    }

    private static void createOwnerOnlyDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create " + directory, e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
