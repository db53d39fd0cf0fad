package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.Schema;

/** One report on a call ({@code whatsapp_call_event}): the earliest of its kind, with the item as Meta sent it. */
public record CallEventEntry(@Schema(description = "connect, terminate, or status (a call status)") String event,
        @Nullable String status, Instant timestamp, Instant receivedAt,
        @Schema(types = "object", description = "the calls[] or statuses[] item as Meta sent it") @JsonRawValue String rawPayload) {
}
