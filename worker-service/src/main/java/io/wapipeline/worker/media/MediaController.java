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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


import io.wapipeline.worker.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;

/** A media item's download state, and its stored bytes. Behind the API tokens like all of {@code /api}. */
@RestController
@RequestMapping("/api/whatsapp/media")
class MediaController {

    private final MediaJobRepository media;
    private final MediaContent content;

    MediaController(MediaJobRepository media, MediaContent content) {
        this.media = media;
        this.content = content;
    }

    @GetMapping({ "/{mediaId}", "/{mediaId}/" })
    ResponseEntity<?> show(@PathVariable String mediaId, HttpServletRequest request) {
        return media.find(mediaId).<ResponseEntity<?>>map(found -> ResponseEntity.ok(MediaView.of(found)))
                .orElseGet(() -> ApiErrors.problem(HttpStatus.NOT_FOUND, "no media has this id", request));
    }

    @GetMapping({ "/{mediaId}/content", "/{mediaId}/content/" })
    ResponseEntity<?> content(@PathVariable String mediaId, HttpServletRequest request) {
        return content.serve(mediaId, request);
    }

    /** The JSON of a media item; the file's place on disk is not shown. */
    record MediaView(String mediaId, String messageId, String type, String mimeType, String filename, String state,
            int attempts, String nextAttemptAt, String lastError, Long fileSize, String sha256, String downloadedAt,
            String createdAt, String contentUrl) {

        static MediaView of(MediaRecord r) {
            return new MediaView(r.mediaId(), r.messageId(), r.type(), r.mimeType(), r.filename(), r.state(), r.attempts(),
                    text(r.nextAttemptAt()), r.lastError(), r.fileSize(), r.storedSha256(), text(r.downloadedAt()),
                    text(r.createdAt()), r.contentUrl());
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }

    }
}
