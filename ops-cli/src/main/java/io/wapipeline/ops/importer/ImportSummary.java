package io.wapipeline.ops.importer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary an import ends with: what became of the messages read (stored, already present, unreadable and why,
 * missing after the wait), where the published webhooks came from, and what became of the conversations.
 *
 * @param missing           published messages still not stored when the wait ended
 * @param waited            how long the wait was allowed to take
 * @param conversationsRead rows of {@code whatsapp_whatsappconversation}
 * @param withMessages      those of them with a readable message (by conversation_id or the sender's number)
 * @param conversationsHere those of them whose contact has a {@code whatsapp_conversation}
 */
record ImportSummary(ImportTally tally, long missing, boolean dryRun, Duration waited, long conversationsRead,
        long withMessages, long conversationsHere) {

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(messagesLine());
        if (!tally.publishedBySource().isEmpty()) {
            lines.add("  " + (dryRun ? "would publish: " : "published: ") + joined(tally.publishedBySource().entrySet().stream()
                    .map(source -> source.getKey().description() + ": " + count(source.getValue())).toList()));
        }
        if (!tally.unmappedTypes().isEmpty()) {
            lines.add("  built from columns with an empty object of their type (no column mapping for it, text_body not "
                    + "carried): " + counts(tally.unmappedTypes()));
        }
        lines.addAll(unreadableLines());
        lines.add("conversations: " + count(conversationsRead) + " read, " + count(withMessages) + " with readable messages, "
                + count(conversationsHere) + " in whatsapp_conversation (matched on the contact number)");
        return lines;
    }

    /** {@code read 1,204 messages: 1,150 stored, 50 already present, 4 unreadable}. */
    private String messagesLine() {
        long published = tally.publishedIds().size();
        String outcome = dryRun ? count(published) + " would be published" : count(published - missing) + " stored";
        return "read " + messages(tally.read()) + ": " + outcome + ", " + count(tally.alreadyPresentCount())
                + " already present, " + count(tally.unreadableCount()) + " unreadable"
                + (missing > 0 ? ", " + count(missing) + " published but not stored within " + StoredWait.describe(waited) : "")
                + (dryRun ? " (--dry-run: nothing published)" : "");
    }

    private List<String> unreadableLines() {
        if (tally.unreadableCount() == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("  unreadable, not published: " + joined(tally.unreadableByReason().entrySet().stream()
                .map(reason -> reason.getKey().description() + ": " + count(reason.getValue())).toList()));
        tally.firstUnreadable().forEach(row -> lines.add("    " + row.describe()));
        if (tally.unreadableCount() > tally.firstUnreadable().size()) {
            lines.add("    ... and " + count(tally.unreadableCount() - tally.firstUnreadable().size()) + " more");
        }
        return lines;
    }

    private static String counts(Map<String, Long> byName) {
        // the names are the Django rows' message_type values: remote text
        return byName.entrySet().stream().map(entry -> RemoteText.escape(entry.getKey(), 80) + ": " + count(entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String joined(List<String> parts) {
        return String.join("; ", parts);
    }

    /** {@code 1 message}, {@code 1,204 messages}. */
    static String messages(long value) {
        return count(value) + (value == 1 ? " message" : " messages");
    }

    /** {@code 1,204}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
