package io.wapipeline.worker.media;

import java.time.Instant;

/** A claimed download job: what the webhook announced, and how many attempts this one makes it. */
record MediaJob(String mediaId, String messageId, String mediaType, String mimeType, String announcedSha256,
        String filename, Instant announcedAt, int attempts) {
}
