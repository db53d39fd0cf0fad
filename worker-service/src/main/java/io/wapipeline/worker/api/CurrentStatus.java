package io.wapipeline.worker.api;

import java.time.Instant;

/**
 * The status that wins by precedence ({@code whatsapp_message_current_status}); {@code failedAt} shows a failure even
 * when another device later reported the message delivered.
 */
public record CurrentStatus(String status, Instant statusAt, String recipientId, String recipientUserId, Instant failedAt,
        Instant lastUpdateAt) {
}
