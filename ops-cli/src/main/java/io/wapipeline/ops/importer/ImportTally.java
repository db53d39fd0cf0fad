package io.wapipeline.ops.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.wapipeline.ops.importer.Mapped.Reason;
import io.wapipeline.ops.importer.Mapped.Source;
import io.wapipeline.ops.importer.Mapped.Unreadable;
import io.wapipeline.ops.importer.Mapped.Webhook;

/** What an import has done so far, counted row by row as it reads. */
final class ImportTally {

    /** Unreadable rows shown one by one; the rest are only counted. */
    static final int UNREADABLE_SHOWN = 5;

    private long read;
    private long alreadyPresent;
    private final Map<Source, Long> published = new EnumMap<>(Source.class);
    private final Map<String, Long> unmappedTypes = new TreeMap<>();
    private final Map<Reason, Long> unreadable = new EnumMap<>(Reason.class);
    private final List<Unreadable> firstUnreadable = new ArrayList<>();
    private final Set<String> publishedIds = new LinkedHashSet<>();
    private final Set<String> senders = new HashSet<>();
    private final Set<Long> conversationIds = new HashSet<>();

    /** A row read and what it became. */
    void read(DjangoMessage row, Mapped mapped) {
        read++;
        if (mapped instanceof Unreadable refused) {
            unreadable.merge(refused.reason(), 1L, Long::sum);
            if (firstUnreadable.size() < UNREADABLE_SHOWN) {
                firstUnreadable.add(refused);
            }
            return;
        }
        senders.add(row.fromNumber());
        if (row.conversationId() != null) {
            conversationIds.add(row.conversationId());
        }
    }

    void alreadyPresent() {
        alreadyPresent++;
    }

    void published(Webhook webhook) {
        published.merge(webhook.source(), 1L, Long::sum);
        webhook.unmappedType().ifPresent(type -> unmappedTypes.merge(type, 1L, Long::sum));
        publishedIds.add(webhook.messageId());
    }

    long read() {
        return read;
    }

    long alreadyPresentCount() {
        return alreadyPresent;
    }

    long unreadableCount() {
        return unreadable.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The ids published, in the order they were. */
    Set<String> publishedIds() {
        return Collections.unmodifiableSet(publishedIds);
    }

    Map<Source, Long> publishedBySource() {
        return Collections.unmodifiableMap(published);
    }

    Map<String, Long> unmappedTypes() {
        return Collections.unmodifiableMap(unmappedTypes);
    }

    Map<Reason, Long> unreadableByReason() {
        return Collections.unmodifiableMap(unreadable);
    }

    List<Unreadable> firstUnreadable() {
        return Collections.unmodifiableList(firstUnreadable);
    }

    /** The senders of the readable rows. */
    Set<String> senders() {
        return Collections.unmodifiableSet(senders);
    }

    /** The conversations the readable rows point at. */
    Set<Long> conversationIds() {
        return Collections.unmodifiableSet(conversationIds);
    }
}
