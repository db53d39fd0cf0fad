package io.wapipeline.worker.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.wapipeline.worker.web.ApiErrors;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A stored media file as an answer, for the read API and the console alike: only types that cannot run script inline,
 * everything else as an {@code application/octet-stream} attachment, always with a sandboxing Content-Security-Policy
 * and {@code nosniff} ({@link ServedContent}).
 */
@Service
public class MediaContent {

    private final MediaJobRepository media;
    private final MediaStore store;

    MediaContent(MediaJobRepository media, MediaStore store) {
        this.media = media;
        this.store = store;
    }

    /** The file of this media id, or 404 in the one error body when there is none stored. */
    public ResponseEntity<?> serve(String mediaId, HttpServletRequest request) {
        Optional<MediaRecord> found = media.find(mediaId);
        if (found.isEmpty()) {
            return ApiErrors.problem(HttpStatus.NOT_FOUND, "no media has this id", request);
        }
        MediaRecord record = found.get();
        Optional<Path> file = record.filePath() == null ? Optional.empty() : store.find(record.filePath());
        if (!"stored".equals(record.state()) || file.isEmpty()) {
            return ApiErrors.problem(HttpStatus.NOT_FOUND, "media is not stored (state " + record.state() + ")", request);
        }
        MediaType type = ServedContent.type(record.mimeType());
        return ResponseEntity.ok().contentType(type).headers(headers(record, type)).body(new FileSystemResource(file.get()));
    }

    /** Whether the console may show this stored file in the page (an image, audio or video served inline). */
    public static boolean previewable(String mimeType, String mediaType) {
        MediaType type = ServedContent.type(mimeType);
        return ServedContent.inline(type, mediaType) && !"text".equals(type.getType()) && !"pdf".equals(type.getSubtype());
    }

    private static HttpHeaders headers(MediaRecord record, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", ServedContent.CONTENT_SECURITY_POLICY);
        ContentDisposition.Builder disposition = ServedContent.inline(type, record.type())
                ? ContentDisposition.inline() : ContentDisposition.attachment();
        if (record.filename() != null && !record.filename().isBlank()) {
            disposition.filename(ServedContent.filename(record.filename()), StandardCharsets.UTF_8);
        }
        headers.setContentDisposition(disposition.build());
        return headers;
    }
}
