package io.wapipeline.worker.media;

/** Why an attempt at a download failed, and so what happens to the job. */
final class DownloadFailure extends Exception {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** 401/403: the job waits for a working token. */
        TOKEN_REJECTED,
        /** 404 on the file URL: the URL expired; a fresh one is fetched. */
        URL_EXPIRED,
        /** Timeouts, resets, 5xx, 429, a digest mismatch: retried with backoff. */
        TRANSIENT,
        /** A host off the allow-list, a file over the limit: retrying cannot help, the job fails now. */
        PERMANENT
    }

    private final Kind kind;

    DownloadFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    DownloadFailure(Kind kind, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    static DownloadFailure forStatus(int status, String what) {
        String reason = what + " answered HTTP " + status;
        if (status == 401 || status == 403) {
            return new DownloadFailure(Kind.TOKEN_REJECTED, reason);
        }
        return new DownloadFailure(Kind.TRANSIENT, reason);
    }
}
