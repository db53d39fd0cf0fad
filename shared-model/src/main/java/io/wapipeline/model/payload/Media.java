package io.wapipeline.model.payload;

/**
 * A media attachment as announced in the webhook: the Graph API media id and what Meta says of the file. The
 * {@code sha256} is as Meta sent it (base64 in webhooks); {@code voice} and {@code animated} are null when absent.
 */
public record Media(String id, String mimeType, String sha256, String filename, Boolean voice, Boolean animated,
        String url) {
}
