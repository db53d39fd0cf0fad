package io.wapipeline.worker.api;

import java.time.Instant;

/**
 * A message the business sent, known only by the statuses Meta reported for it: its id, its first status's time and
 * the status that wins by precedence (as {@code whatsapp_message_current_status} picks it).
 */
public record OutboundMessage(String messageId, Instant firstStatusAt, String status) {
}
