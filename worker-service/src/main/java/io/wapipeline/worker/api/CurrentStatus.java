package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The status that wins by precedence ({@code whatsapp_message_current_status}); {@code failedAt} shows a failure even
 * when another device later reported the message delivered. For a message sent to a group it is the highest status
 * any participant reached, {@code recipientId} is the group, and {@code participants} says how far it got among them
 * (null for a one-to-one message).
 */
public record CurrentStatus(String status, Instant statusAt, @Nullable String recipientId, @Nullable String recipientUserId,
        @Nullable String recipientType, @Nullable Instant failedAt, Instant lastUpdateAt,
        @Nullable ParticipantCounts participants) {
}
