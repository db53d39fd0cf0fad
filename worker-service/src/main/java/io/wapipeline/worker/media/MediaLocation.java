package io.wapipeline.worker.media;

import java.net.URI;

/** The Graph API's answer for a media id: where the file is (for 5 minutes) and what Meta says it is. */
record MediaLocation(URI url, String mimeType, String sha256Hex, Long fileSize) {
}
