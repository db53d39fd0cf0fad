package io.wapipeline.worker.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.wapipeline.worker.api.MessageDetail;
import io.wapipeline.worker.api.StatusEntry;

/**
 * One participant of a group message and the statuses Meta reported for them, oldest first: the message page's
 * "who has read it". A status that names no participant is listed under one with no ids.
 *
 * @param phone        the participant's phone number, when Meta named it
 * @param userId       the participant's business-scoped user id
 * @param parentUserId the participant's parent business-scoped user id
 */
record ParticipantStatuses(String phone, String userId, String parentUserId, List<StatusEntry> statuses) {

    ParticipantStatuses {
        statuses = List.copyOf(statuses);
    }

    /** A group message's statuses by participant; none for a message whose statuses name no participant. */
    static List<ParticipantStatuses> of(MessageDetail detail) {
        boolean group = detail.currentStatus() != null && detail.currentStatus().participants() != null;
        return group ? byParticipant(detail.statuses()) : List.of();
    }

    /** The history grouped by participant, participants in the order of their first status. */
    private static List<ParticipantStatuses> byParticipant(List<StatusEntry> history) {
        Map<String, List<StatusEntry>> byKey = new LinkedHashMap<>();
        history.forEach(status -> byKey.computeIfAbsent(key(status), key -> new ArrayList<>()).add(status));
        return byKey.values().stream().map(ParticipantStatuses::named).toList();
    }

    /** The id the participant is best known by: the phone number, else the user id, else the parent's; null for none. */
    public String name() {
        return preferred(phone, userId, parentUserId);
    }

    /** The participant as their first status names them, with all their statuses. */
    private static ParticipantStatuses named(List<StatusEntry> statuses) {
        StatusEntry first = statuses.get(0);
        return new ParticipantStatuses(first.participantId(), first.participantUserId(), first.participantParentUserId(),
                statuses);
    }

    /** As the status table's participant_key: phone, else user id, else parent; '' when none is named. */
    private static String key(StatusEntry status) {
        String preferred = preferred(status.participantId(), status.participantUserId(), status.participantParentUserId());
        return preferred == null ? "" : preferred;
    }

    private static String preferred(String... ids) {
        return Stream.of(ids).filter(id -> id != null).findFirst().orElse(null);
    }
}
