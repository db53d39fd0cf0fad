package io.wapipeline.worker.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files under {@code MEDIA_ROOT}. A download is written to {@code .partial/} and moved into place only once it is
 * complete and verified, so a partial file never becomes a stored one. A stored file's path is derived from its
 * content: {@code ab/abcdef….ext}, the hex SHA-256 and an extension from a fixed table. No part comes from remote
 * input.
 */
final class MediaStore {

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);

    private static final String PARTIAL = ".partial";

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"),
            Map.entry("audio/mp4", "m4a"), Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"),
            Map.entry("application/msword", "doc"), Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.ms-powerpoint", "ppt"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"));

    /** Customer media are the service user's alone, whatever the umask: directories 0700, files 0600. */
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;
    private final Path partial;

    MediaStore(String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
        this.partial = this.root.resolve(PARTIAL);
        try {
            Files.createDirectories(partial, PRIVATE_DIRECTORY);
        }
        catch (IOException e) {
            throw new UncheckedIOException("MEDIA_ROOT " + this.root + " cannot be created or written", e);
        }
    }

    Path root() {
        return root;
    }

    /** A file being downloaded, in {@code .partial/}. */
    Path newPartialFile() throws IOException {
        return Files.createFile(partial.resolve(UUID.randomUUID() + ".part"), PRIVATE_FILE);
    }

    /**
     * Copies the body into the partial file, at most {@code limit} bytes, hashing as it goes.
     *
     * @return the size and digest, or null when the body is larger than the limit (the copy stops there)
     */
    static Written write(InputStream body, Path partialFile, long limit) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(partialFile)) {
            int read;
            while ((read = body.read(buffer)) > 0) {
                size += read;
                if (size > limit) {
                    return null;
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        return new Written(size, sha256.digest());
    }

    /** Moves a verified partial file into place and returns where it is kept. */
    StoredFile keep(Path partialFile, Written written, String mimeType) throws IOException {
        String hex = HexFormat.of().formatHex(written.sha256());
        String relative = hex.substring(0, 2) + "/" + hex + "." + extension(mimeType);
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent(), PRIVATE_DIRECTORY);
        try {
            Files.move(partialFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException otherFileSystem) {
            Files.move(partialFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return new StoredFile(relative, written.size(), hex);
    }

    /** A stored file by its relative path; empty when the path would leave the root or the file is gone. */
    Optional<Path> find(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        return file.startsWith(root) && !file.startsWith(partial) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    /** Deletes partial files older than {@code age}: left by a worker that died mid-download. */
    void deleteAbandonedPartials(Duration age) {
        Instant before = Instant.now().minus(age);
        try (Stream<Path> files = Files.list(partial)) {
            files.filter(file -> modifiedBefore(file, before)).forEach(MediaStore::deleteQuietly);
        }
        catch (IOException e) {
            log.warn("Could not list {}: {}", partial, e.toString());
        }
    }

    private static boolean modifiedBefore(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        }
        catch (IOException gone) {
            return false;
        }
    }

    static String extension(String mimeType) {
        if (mimeType == null) {
            return "bin";
        }
        String base = mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(base, "bin");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** What was written: the size and the SHA-256. */
    record Written(long size, byte[] sha256) {
    }
}
