package io.wapipeline.worker.contact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.wapipeline.model.payload.CallReported;
import io.wapipeline.model.payload.ContactSeen;
import io.wapipeline.model.payload.ContactSynced;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.PersonIds;
import io.wapipeline.model.payload.PreferenceChanged;
import io.wapipeline.model.payload.WebhookItem;
import io.wapipeline.worker.contact.ContactRepository.Seen;
import io.wapipeline.worker.store.ContactKeys;
import io.wapipeline.worker.store.Identifier;
import io.wapipeline.worker.store.Received;

/**
 * The contacts of a batch. Their ids are linked first in its transaction (contacts merged where they turn out to be
 * one person), which gives the key every id is filed under, for the rows that follow; what the batch says of each
 * contact is written last, just before the commit, so the row locks of busy contacts are held for as short a time as
 * possible (every batch naming a person writes that person's row).
 */
@Component
public class ContactBook {

    static final String MARKETING = "marketing_messages";

    private final ContactLinker linker;
    private final ContactRepository contacts;

    ContactBook(ContactLinker linker, ContactRepository contacts) {
        this.linker = linker;
        this.contacts = contacts;
    }

    /** Links the items' ids to contacts: the key of every id, for the rows filed under it. */
    public ContactKeys link(List<Received<? extends WebhookItem>> items) {
        return new ContactKeys(linker.link(Sightings.of(items)).keys());
    }

    /** Writes what the items say of their contacts (profiles, names, preferences, sightings), under their keys. */
    public void record(List<Received<? extends WebhookItem>> items, ContactKeys keys) {
        contacts.record(facts(items, keys));
        contacts.seen(seen(Sightings.of(items), keys));
    }

    private static List<ContactFacts> facts(List<Received<? extends WebhookItem>> items, ContactKeys keys) {
        List<ContactFacts> facts = new ArrayList<>();
        for (Received<? extends WebhookItem> received : items) {
            WebhookItem item = received.item();
            String scope = Identifier.scopeOf(item.business());
            if (item instanceof ContactSeen contact) {
                add(facts, keys.keyOf(scope, contact.ids()), key -> ContactFacts.profile(key, contact.name(),
                        contact.username(), received.timeOr(contact.at())));
            }
            else if (item instanceof MessageReceived message && !message.outbound()) {
                add(facts, keys.keyOf(scope, message.customer()), key -> ContactFacts.seen(key, received.timeOr(message.timestamp())));
            }
            else if (item instanceof CallReported call) {
                add(facts, keys.keyOf(scope, call.customer()), key -> ContactFacts.seen(key, received.timeOr(call.timestamp())));
            }
            else if (item instanceof PreferenceChanged preference && isMarketing(preference)) {
                add(facts, keys.keyOf(scope, preference.person()), key -> ContactFacts.preference(key, preference.value(),
                        received.timeOr(preference.timestamp())));
            }
            else if (item instanceof ContactSynced synced) {
                add(facts, keys.keyOf(scope, new PersonIds(synced.phoneNumber(), null, null)), key -> ContactFacts.businessName(
                        key, synced.fullName() != null ? synced.fullName() : synced.firstName(), synced.action(),
                        received.timeOr(synced.timestamp())));
            }
        }
        return facts;
    }

    private static boolean isMarketing(PreferenceChanged preference) {
        return preference.category() == null || MARKETING.equals(preference.category());
    }

    private static void add(List<ContactFacts> facts, Identifier key, Function<Identifier, ContactFacts> fact) {
        if (key != null) {
            facts.add(fact.apply(key));
        }
    }

    /** Each id the person's own activity named: when it was first and last seen in the batch. */
    private static Map<Identifier, Seen> seen(List<Sighting> sightings, ContactKeys keys) {
        Map<Identifier, Seen> seen = new HashMap<>();
        for (Sighting sighting : sightings) {
            if (!sighting.activity()) {
                continue;
            }
            for (Identifier id : sighting.identifiers()) {
                Identifier key = keys.keyOf(id.scope(), idsOf(id));
                if (key != null) {
                    seen.merge(id, new Seen(key.value(), sighting.at(), sighting.at()), Seen::plus);
                }
            }
        }
        return seen;
    }

    private static PersonIds idsOf(Identifier id) {
        return switch (id.kind()) {
            case Identifier.WA_ID -> new PersonIds(id.value(), null, null);
            case Identifier.USER_ID -> new PersonIds(null, id.value(), null);
            default -> new PersonIds(null, null, id.value());
        };
    }
}
