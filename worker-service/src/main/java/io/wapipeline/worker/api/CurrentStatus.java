package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The status that wins by precedence ({@code whatsapp_message_current_status}); {@code failedAt} shows a failure even
 * when another device later reported the message delivered.
 */
public record CurrentStatus(String status, Instant statusAt, @Nullable String recipientId, @Nullable String recipientUserId,
        @Nullable Instant failedAt, Instant lastUpdateAt) {
}
