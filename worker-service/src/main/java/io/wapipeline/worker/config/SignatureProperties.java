package io.wapipeline.worker.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys a raw record's signature is checked with before anything of it is stored. The app secrets come from
 * {@code WHATSAPP_APP_SECRET}, the very setting the ingest checks Meta's requests with (comma-separated during a
 * rotation); the internal key from {@code WHATSAPP_INTERNAL_KEY} (see application.yml). {@link #toString()} never
 * shows them.
 *
 * @param appSecrets  Meta's app secrets, in the order of the setting: a record's {@code signed_by} names one by position
 * @param internalKey this system's own key for the records its tools make ({@code wa-ops import-django}); empty when
 *                    none is set, and then such records are refused
 */
@ConfigurationProperties("whatsapp.worker.signatures")
public record SignatureProperties(List<String> appSecrets, String internalKey) {

    public SignatureProperties {
        appSecrets = appSecrets == null ? List.of() : appSecrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        internalKey = internalKey == null ? "" : internalKey.strip();
        if (appSecrets.isEmpty()) {
            throw new IllegalArgumentException("WHATSAPP_APP_SECRET is not set: the worker checks every record's signature"
                    + " with the same app secret(s) as the ingest");
        }
        if (!internalKey.isEmpty() && appSecrets.contains(internalKey)) {
            throw new IllegalArgumentException("WHATSAPP_INTERNAL_KEY must differ from every WHATSAPP_APP_SECRET: it signs"
                    + " records Meta never sent");
        }
    }

    @Override
    public String toString() {
        return "SignatureProperties[appSecrets=" + appSecrets.size() + " secret(s), internalKey="
                + (internalKey.isEmpty() ? "none" : "****") + "]";
    }
}
