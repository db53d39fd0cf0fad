package io.wapipeline.worker.media;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wapipeline.worker.web.ApiDocument;
import io.wapipeline.worker.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;

/** A media item's download state, and its stored bytes. Behind the API tokens like all of {@code /api}. */
@RestController
@RequestMapping("/api/whatsapp/media")
@Tag(name = "media")
class MediaController {

    private static final String MEDIA_ID = "Meta's media id, as in a message's media.id";

    private final MediaJobRepository media;
    private final MediaContent content;

    MediaController(MediaJobRepository media, MediaContent content) {
        this.media = media;
        this.content = content;
    }

    @GetMapping({ "/{mediaId}", "/{mediaId}/" })
    @Operation(operationId = "getMedia", summary = "A media item's download state; contentUrl is set once it is stored")
    @ApiResponse(responseCode = "200", description = "The media item",
            content = @Content(schema = @Schema(implementation = MediaView.class)))
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<?> show(@Parameter(description = MEDIA_ID) @PathVariable String mediaId, HttpServletRequest request) {
        return media.find(mediaId).<ResponseEntity<?>>map(found -> ResponseEntity.ok(MediaView.of(found)))
                .orElseGet(() -> ApiErrors.problem(HttpStatus.NOT_FOUND, "no media has this id", request));
    }

    @GetMapping({ "/{mediaId}/content", "/{mediaId}/content/" })
    @Operation(operationId = MediaContentDocument.OPERATION, summary = "A stored media file",
            description = "Only types that cannot run script keep their type; anything else is application/octet-stream, "
                    + "as an attachment. Answers carry Content-Security-Policy: sandbox and X-Content-Type-Options: nosniff.")
    @ApiResponse(responseCode = "200", description = "The file's bytes")
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<?> content(@Parameter(description = MEDIA_ID) @PathVariable String mediaId, HttpServletRequest request) {
        return content.serve(mediaId, request);
    }

    /** The JSON of a media item; the file's place on disk is not shown. */
    record MediaView(String mediaId, String messageId, String type, @Nullable String mimeType, @Nullable String filename,
            String state, int attempts, String nextAttemptAt, @Nullable String lastError, @Nullable Long fileSize,
            @Nullable String sha256, @Nullable String downloadedAt, String createdAt, @Nullable String contentUrl) {

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
