package io.wapipeline.model.payload;

import java.util.List;

/**
 * Everything one webhook payload carried, item by item.
 *
 * @param contacts    every {@code contacts[]} entry: ids named together for one person
 * @param calls       Calling API reports: {@code calls[]} items and call statuses
 * @param preferences {@code user_preferences[]} items
 * @param syncedContacts {@code smb_app_state_sync} contacts
 */
public record ParsedWebhook(List<MessageReceived> messages, List<StatusReported> statuses, List<EventReceived> events,
        List<ContactSeen> contacts, List<CallReported> calls, List<PreferenceChanged> preferences,
        List<ContactSynced> syncedContacts) {

    /** The items stored one row each: messages, statuses, events, calls, preferences and synced contacts. */
    public int size() {
        return messages.size() + statuses.size() + events.size() + calls.size() + preferences.size() + syncedContacts.size();
    }
}
