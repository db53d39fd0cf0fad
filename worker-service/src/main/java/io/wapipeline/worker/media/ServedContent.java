package io.wapipeline.worker.media;

import java.util.Locale;
import java.util.Set;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * How a stored file is served. Both the webhook's and the Graph API's mime types come from outside, so neither is
 * trusted: only types a browser cannot run script from (raster images, audio, video, PDF, plain text) keep their type
 * and may be shown inline; anything else (HTML, SVG, XML, scripts, unknown) is served as
 * {@code application/octet-stream}, as an attachment. Every answer also carries a sandboxing Content-Security-Policy.
 */
final class ServedContent {

    static final String CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'";

    static final Set<String> INERT_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/opus", "video/mp4", "video/3gpp",
            "application/pdf", "text/plain");

    private ServedContent() {
    }

    /** The announced type when it is inert (with its parameters), else {@code application/octet-stream}. */
    static MediaType type(String announced) {
        if (announced == null) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType parsed = MediaType.parseMediaType(announced);
            String bare = (parsed.getType() + "/" + parsed.getSubtype()).toLowerCase(Locale.ROOT);
            return INERT_TYPES.contains(bare) ? parsed : MediaType.APPLICATION_OCTET_STREAM;
        }
        catch (InvalidMediaTypeException unusable) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    /** Inline only for an inert type, and never for a document (it is a file the user sent to be saved). */
    static boolean inline(MediaType served, String mediaKind) {
        return !served.equals(MediaType.APPLICATION_OCTET_STREAM) && !"document".equals(mediaKind);
    }

    /**
     * A filename safe for a header and honest on screen: no path separators, quotes or control characters, and no
     * bidirectional controls (U+202E would show {@code invoice‮gpj.exe} as {@code invoiceexe.jpg}).
     */
    static String filename(String filename) {
        return filename.replaceAll("[\\\\/\"\\p{Cntrl}]", "_").replaceAll("[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]", "");
    }
}
