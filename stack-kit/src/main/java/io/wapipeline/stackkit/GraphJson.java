package io.wapipeline.stackkit;

/** The JSON bodies {@link FakeGraphApi} answers with, in the shapes Meta's Graph API uses. */
final class GraphJson {

    private GraphJson() {
    }

    static String mediaUrl(String mediaId, String url, String mimeType, String sha256, int fileSize) {
        return "{\"messaging_product\":\"whatsapp\",\"url\":" + quote(url) + ",\"mime_type\":" + quote(mimeType)
                + ",\"sha256\":" + quote(sha256) + ",\"file_size\":" + fileSize + ",\"id\":" + quote(mediaId) + "}";
    }

    static String error(String message, String type, int code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"code\":" + code + "}}";
    }

    static String invalidToken() {
        return error("Invalid OAuth access token.", "OAuthException", 190);
    }

    static String unknownObject(String id) {
        return error("Unsupported get request. Object with ID '" + id + "' does not exist, cannot be loaded due to"
                + " missing permissions, or does not support this operation.", "GraphMethodException", 100);
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> json.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return json.append('"').toString();
    }
}
