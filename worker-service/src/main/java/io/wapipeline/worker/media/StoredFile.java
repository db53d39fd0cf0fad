package io.wapipeline.worker.media;

/** A file kept under the media root: its path relative to the root, size, and SHA-256 (hex). */
record StoredFile(String relativePath, long size, String sha256Hex) {
}
