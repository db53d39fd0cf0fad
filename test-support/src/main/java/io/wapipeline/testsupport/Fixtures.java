package io.wapipeline.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The webhook payloads under {@code webhooks/} of this module, shared by the parser's and the worker's tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture's bytes exactly as stored (Meta's escapes kept). */
    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture webhooks/" + name);
            }
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of every fixture, sorted: the folder read from this module's classes or from its jar. */
    public static List<String> names() {
        try {
            URI folder = Fixtures.class.getResource("/webhooks/").toURI();
            if (!"jar".equals(folder.getScheme())) {
                return names(Path.of(folder));
            }
            try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of())) {
                return names(jar.provider().getPath(folder));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not list the webhook fixtures", e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString().replace("/", "")).sorted().toList();
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
