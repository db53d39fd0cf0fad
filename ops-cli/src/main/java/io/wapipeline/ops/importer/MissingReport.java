package io.wapipeline.ops.importer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wapipeline.model.WebhookTopics;

/**
 * Why published messages are not stored when the wait ends, and what to check: those the worker kept apart as
 * unreadable (with its reason), and those it has not seen at all.
 *
 * @param keptApart the missing messages the worker kept as unreadable events, with the reason it gave
 */
record MissingReport(Set<String> missing, Map<String, String> keptApart, Duration waited) {

    /** Missing messages named one by one; the rest are only counted. */
    static final int SHOWN = 5;

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(ImportSummary.messages(missing.size()) + " published " + (missing.size() == 1 ? "is" : "are")
                + " not in whatsapp_message after " + StoredWait.describe(waited) + ".");
        if (!keptApart.isEmpty()) {
            lines.add("  kept apart by the worker as unreadable (whatsapp_event, kind 'unreadable'): "
                    + ImportSummary.count(keptApart.size()));
            keptApart.entrySet().stream().limit(SHOWN).forEach(item -> lines.add("    " + RemoteText.escape(item.getKey(), 200)
                    + ": " + RemoteText.escape(item.getValue(), 300)));
        }
        List<String> notSeen = missing.stream().filter(id -> !keptApart.containsKey(id)).toList();
        if (!notSeen.isEmpty()) {
            lines.add("  not stored yet: " + ImportSummary.count(notSeen.size()) + " (first: " + RemoteText.escape(notSeen.get(0), 200)
                    + "). Is the worker running and consuming " + WebhookTopics.RAW + "? `wa-ops doctor` checks it and its "
                    + "lag; a record the worker refused whole is in " + WebhookTopics.DEAD_LETTER
                    + " (`wa-ops redrive --dry-run` lists them). A longer --wait gives a busy worker more time.");
        }
        lines.add("  Running import-django again publishes only what is still missing.");
        return lines;
    }
}
