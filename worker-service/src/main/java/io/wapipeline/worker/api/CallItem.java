package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A call of the Calling API as the API shows it: merged from every report on it (connect, terminate, call statuses),
 * the same whatever order they came in. A field no report named is null.
 */
@Schema(description = "A call, merged from its reports: a connect, a terminate, call statuses (whatsapp_call)")
public record CallItem(String callId, @Nullable String businessPhoneNumberId,
        @Schema(description = "the customer: phone number, else business-scoped user id") @Nullable String contactId,
        @Nullable String customerWaId, @Nullable String customerUserId,
        @Schema(description = "USER_INITIATED or BUSINESS_INITIATED") @Nullable String direction,
        @Nullable String from, @Nullable String to,
        @Schema(description = "of the latest report that names one: RINGING, ACCEPTED, REJECTED, or a terminate's COMPLETED, FAILED...")
        @Nullable String status,
        @Schema(description = "the time of the report that gave the status") @Nullable Instant statusAt,
        @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable Long durationSeconds,
        @Schema(description = "the earliest report's time: lists are newest first by it") Instant firstEventAt,
        Instant lastEventAt, @Nullable String bizOpaqueCallbackData,
        @Schema(types = "array", description = "as Meta sent them") @JsonRawValue @Nullable String errors) {
}
