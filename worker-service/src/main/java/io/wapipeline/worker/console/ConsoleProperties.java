package io.wapipeline.worker.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may sign in to the console ({@code WHATSAPP_CONSOLE_USERS}): comma-separated {@code name:role:hash} entries, the
 * role {@code viewer} (reads) or {@code operator} (also acts), the hash in Spring Security's storage format with its
 * id, for example {@code {bcrypt}$2a$10$...}. Hashes are never shown: {@link #toString()} names users and roles only.
 *
 * @param users           the entries; none means nobody can sign in (the console's pages then say so)
 * @param ingestHealthUrl the ingest's {@code /actuator/health}, for the pipeline page; none: the page leaves it out
 */
@ConfigurationProperties("whatsapp.console")
public record ConsoleProperties(List<String> users, String ingestHealthUrl) {

    /** A console user as configured. */
    record User(String name, Role role, String passwordHash) {
    }

    /** What a user may do. */
    enum Role {
        /** Reads every page. */
        VIEWER,
        /** Reads, and acts: redrive, retry, reprocess. */
        OPERATOR
    }

    public ConsoleProperties {
        users = users == null ? List.of() : users.stream().map(String::strip).filter(entry -> !entry.isEmpty()).toList();
        ingestHealthUrl = ingestHealthUrl == null || ingestHealthUrl.isBlank() ? null : ingestHealthUrl.strip();
        if (ingestHealthUrl != null && !ingestHealthUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("whatsapp.console.ingest-health-url must be an http or https URL");
        }
        parsed(users);
    }

    List<User> parsed() {
        return parsed(users);
    }

    private static List<User> parsed(List<String> entries) {
        List<User> parsed = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", 3);
            if (parts.length != 3 || parts[0].isBlank() || !parts[2].startsWith("{")) {
                throw new IllegalArgumentException("whatsapp.console.users: each entry is name:role:{id}hash, for example "
                        + "alice:operator:{bcrypt}$2a$10$...; entry " + (parsed.size() + 1) + " is not");
            }
            Role role;
            try {
                role = Role.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("whatsapp.console.users: the role of '" + parts[0] + "' must be viewer or operator");
            }
            if (parsed.stream().anyMatch(user -> user.name().equals(parts[0]))) {
                throw new IllegalArgumentException("whatsapp.console.users: '" + parts[0] + "' is named twice");
            }
            parsed.add(new User(parts[0], role, parts[2]));
        }
        return List.copyOf(parsed);
    }

    @Override
    public String toString() {
        return "ConsoleProperties[ingestHealthUrl=" + ingestHealthUrl + ", users=" + parsed().stream().map(user -> user.name() + " (" + user.role().name().toLowerCase(Locale.ROOT) + ")").toList() + "]";
    }
}
