package io.wapipeline.worker.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far a group message got among its participants ("read by 3 of 5"): {@code total}, the participants that
 * reported any status, and for each status reported, how many participants Meta reported it for, in order of
 * precedence. A status no participant reported is absent.
 */
public record ParticipantCounts(long total,
        @Schema(description = "participants per status, such as {\"delivered\": 5, \"read\": 3}") Map<String, Long> byStatus) {

    public ParticipantCounts {
        byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
    }

    /** How many participants Meta reported this status for; 0 when none. */
    public long reported(String status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
