package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * One {@code smb_app_state_sync} contact: a contact the coexistence business keeps in its WhatsApp Business app,
 * added or removed, with the name the business gave it.
 *
 * @param action {@code add}, {@code remove}, or whatever Meta adds
 */
public record ContactSynced(Business business, String phoneNumber, String fullName, String firstName, String action,
        Instant timestamp, String rawJson) implements WebhookItem {

    @Override
    public String field() {
        return "smb_app_state_sync";
    }
}
