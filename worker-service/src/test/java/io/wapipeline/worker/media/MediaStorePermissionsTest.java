package io.wapipeline.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept media file and the folders it is in are readable by the service's user only, whatever the umask. */
class MediaStorePermissionsTest {

    @TempDir
    Path work;

    @Test
    void aKeptFileAndItsFoldersAreTheOwnersAlone() throws IOException {
        MediaStore store = new MediaStore(work.resolve("media").toString());
        Path partial = store.newPartialFile();
        MediaStore.Written written = MediaStore.write(new ByteArrayInputStream("a photo".getBytes(StandardCharsets.UTF_8)), partial, 1024);

        Path kept = store.root().resolve(store.keep(partial, written, "image/jpeg").relativePath());

        assertThat(mode(kept)).isEqualTo("rw-------");
        assertThat(mode(kept.getParent())).isEqualTo("rwx------");
        assertThat(mode(store.root())).isEqualTo("rwx------");
        assertThat(mode(store.root().resolve(".partial"))).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
