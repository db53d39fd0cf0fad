package io.wapipeline.worker.contact;

import java.util.ArrayList;
import java.util.List;

import io.wapipeline.model.payload.CallReported;
import io.wapipeline.model.payload.ContactSeen;
import io.wapipeline.model.payload.ContactSynced;
import io.wapipeline.model.payload.IdentityChange;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.PersonIds;
import io.wapipeline.model.payload.PreferenceChanged;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.model.payload.WebhookItem;
import io.wapipeline.worker.store.Identifier;
import io.wapipeline.worker.store.Received;

/** The ids each item of a batch names for one person: what links contacts. */
final class Sightings {

    private Sightings() {
    }

    static List<Sighting> of(List<Received<? extends WebhookItem>> items) {
        List<Sighting> sightings = new ArrayList<>(items.size());
        for (Received<? extends WebhookItem> received : items) {
            Sighting sighting = of(received);
            if (sighting != null && !sighting.identifiers().isEmpty()) {
                sightings.add(sighting);
            }
        }
        return sightings;
    }

    private static Sighting of(Received<? extends WebhookItem> received) {
        WebhookItem item = received.item();
        String scope = Identifier.scopeOf(item.business());
        if (item instanceof MessageReceived message) {
            List<Identifier> ids = new ArrayList<>(Identifier.of(scope, message.customer()));
            ids.addAll(Identifier.of(scope, changedIds(message.identityChange())));
            ids.addAll(previousIds(scope, message.identityChange()));
            return new Sighting(ids, received.timeOr(message.timestamp()), true);
        }
        if (item instanceof ContactSeen contact) {
            return new Sighting(Identifier.of(scope, contact.ids()), received.timeOr(contact.at()), true);
        }
        if (item instanceof StatusReported status) {
            return new Sighting(Identifier.of(scope, status.customer()), received.timeOr(status.timestamp()), false);
        }
        if (item instanceof CallReported call) {
            return new Sighting(Identifier.of(scope, call.customer()), received.timeOr(call.timestamp()), true);
        }
        if (item instanceof PreferenceChanged preference) {
            return new Sighting(Identifier.of(scope, preference.person()), received.timeOr(preference.timestamp()), true);
        }
        if (item instanceof ContactSynced synced) {
            return new Sighting(Identifier.of(scope, new PersonIds(synced.phoneNumber(), null, null)),
                    received.timeOr(synced.timestamp()), false);
        }
        return null;
    }

    /**
     * A number or user id change names the person's new id beside the old one ({@code from} is the old number, or
     * {@code previous_user_id} the old user id): one person, so both stay linked to the contact.
     */
    private static PersonIds changedIds(IdentityChange change) {
        if (change == null) {
            return PersonIds.NONE;
        }
        return new PersonIds(change.newWaId(), change.newUserId(), null);
    }

    /** The previous user id of a change, linked as another user id of the same person. */
    private static List<Identifier> previousIds(String scope, IdentityChange change) {
        return change == null || change.previousUserId() == null ? List.of()
                : List.of(new Identifier(scope, Identifier.USER_ID, change.previousUserId()));
    }
}
