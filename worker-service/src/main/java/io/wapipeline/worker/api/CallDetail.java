package io.wapipeline.worker.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;

/** One call with its reports, oldest first. */
public record CallDetail(@JsonUnwrapped CallItem call,
        @Schema(description = "the call's reports, oldest first; one per event and status") List<CallEventEntry> events) {
}
