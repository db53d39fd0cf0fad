package io.wapipeline.stackkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@link FakeGraphApi} knows about one media id: its file, the faults scripted for it, how often it was asked. */
final class FakeMedia {

    /** The stored file; {@code bytes} is never handed out to callers of the fake. */
    record StoredFile(byte[] bytes, String mimeType, String sha256Hex) {

        static StoredFile of(byte[] content, String mimeType) {
            return new StoredFile(content.clone(), mimeType, hexSha256(content));
        }
    }

    private volatile StoredFile file;
    private volatile String announcedHash;
    private volatile String announcedUrl;
    private final Queue<Integer> failureStatuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger urlsToExpire = new AtomicInteger();
    private final Set<String> issuedNonces = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredNonces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger fileDownloads = new AtomicInteger();
    private final AtomicInteger successfulFileDownloads = new AtomicInteger();

    void store(byte[] content, String mimeType) {
        file = StoredFile.of(content, mimeType);
    }

    Optional<StoredFile> file() {
        return Optional.ofNullable(file);
    }

    void announceHash(String hexSha256) {
        announcedHash = hexSha256;
    }

    /** The hash the lookup reports: the announced one if any, else the file's own. */
    String reportedHash(StoredFile stored) {
        return announcedHash != null ? announcedHash : stored.sha256Hex();
    }

    void announceUrl(String url) {
        announcedUrl = url;
    }

    Optional<String> announcedUrl() {
        return Optional.ofNullable(announcedUrl);
    }

    void failNextFileDownloads(int... statuses) {
        for (int status : statuses) {
            failureStatuses.add(status);
        }
    }

    Optional<Integer> nextFailure() {
        return Optional.ofNullable(failureStatuses.poll());
    }

    void expireNextUrl() {
        urlsToExpire.incrementAndGet();
    }

    /** A fresh nonce for a file URL; born expired if an expiry was scripted and not yet used. */
    String issueNonce() {
        String nonce = UUID.randomUUID().toString();
        issuedNonces.add(nonce);
        if (urlsToExpire.getAndUpdate(pending -> Math.max(0, pending - 1)) > 0) {
            expiredNonces.add(nonce);
        }
        return nonce;
    }

    boolean issued(String nonce) {
        return issuedNonces.contains(nonce);
    }

    boolean expired(String nonce) {
        return expiredNonces.contains(nonce);
    }

    void countLookup() {
        lookups.incrementAndGet();
    }

    void countFileDownload() {
        fileDownloads.incrementAndGet();
    }

    void countSuccessfulFileDownload() {
        successfulFileDownloads.incrementAndGet();
    }

    int lookups() {
        return lookups.get();
    }

    int fileDownloads() {
        return fileDownloads.get();
    }

    int successfulFileDownloads() {
        return successfulFileDownloads.get();
    }

    private static String hexSha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
