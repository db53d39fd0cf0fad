package io.wapipeline.worker.media;

import java.time.Instant;

/** A media item as the read API shows it: what was announced, and where its download stands. */
record MediaRecord(String mediaId, String messageId, String type, String mimeType, String filename, String announcedSha256,
        String state, int attempts, Instant nextAttemptAt, String lastError, Long fileSize, String storedSha256,
        Instant downloadedAt, Instant createdAt, String contentUrl, String filePath) {
}
