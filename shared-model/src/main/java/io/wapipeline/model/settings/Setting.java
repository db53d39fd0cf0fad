package io.wapipeline.model.settings;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An environment variable of the pipeline, with the names people commonly type instead of it. Services and the
 * {@code doctor} check these the same way, so a misspelling is pointed out by name wherever it is made.
 */
public enum Setting {

    VERIFY_TOKEN("WHATSAPP_WEBHOOK_VERIFY_TOKEN", "the verify token you typed into Meta's webhook configuration",
            "WHATSAPP_VERIFY_TOKEN", "VERIFY_TOKEN", "WEBHOOK_VERIFY_TOKEN", "WHATSAPP_WEBHOOK_TOKEN", "META_VERIFY_TOKEN"),
    APP_SECRET("WHATSAPP_APP_SECRET", "the app secret from Meta's App Dashboard, App settings > Basic (comma-separate several to rotate)",
            "FACEBOOK_APP_SECRET", "META_APP_SECRET", "FB_APP_SECRET", "APP_SECRET", "WHATSAPP_SECRET", "WHATSAPP_APP_SECRETS"),
    INTERNAL_KEY("WHATSAPP_INTERNAL_KEY", "this system's own key for the records its tools make (wa-ops import-django), shared"
            + " by the worker and wa-ops only; ./run-local generates one into secrets.env",
            "INTERNAL_KEY", "WHATSAPP_INTERNAL_SECRET", "WA_INTERNAL_KEY", "WHATSAPP_INTERNAL_KEYS"),
    ACCESS_TOKEN("WHATSAPP_ACCESS_TOKEN", "a Graph API token with whatsapp_business_messaging permission",
            "WHATSAPP_TOKEN", "META_ACCESS_TOKEN", "FACEBOOK_ACCESS_TOKEN", "WHATSAPP_API_ACCESS_TOKEN", "ACCESS_TOKEN"),
    GRAPH_API_URL("WHATSAPP_GRAPH_API_URL", "the Graph API base URL, normally https://graph.facebook.com",
            "GRAPH_API_URL", "WHATSAPP_API_URL", "FACEBOOK_GRAPH_URL"),
    DATABASE_URL("DATABASE_URL", "postgres://user:pass@host:5432/db or a jdbc:postgresql: URL",
            "DB_URL", "POSTGRES_URL", "POSTGRESQL_URL", "JDBC_DATABASE_URL"),
    KAFKA_BOOTSTRAP_SERVERS("KAFKA_BOOTSTRAP_SERVERS", "host:port[,host:port] of the Kafka brokers",
            "KAFKA_BROKERS", "KAFKA_BOOTSTRAP_SERVER", "BOOTSTRAP_SERVERS", "KAFKA_URL"),
    MEDIA_ROOT("MEDIA_ROOT", "the directory downloaded media files are written to",
            "MEDIA_DIR", "MEDIA_PATH", "WHATSAPP_MEDIA_ROOT"),
    API_TOKENS("WHATSAPP_API_TOKENS", "bearer tokens allowed to read the API, comma-separated",
            "WHATSAPP_API_TOKEN", "API_TOKENS", "API_TOKEN");

    private final String variable;
    private final String meaning;
    private final List<String> misspellings;

    Setting(String variable, String meaning, String... misspellings) {
        this.variable = variable;
        this.meaning = meaning;
        this.misspellings = List.of(misspellings);
    }

    /** The environment variable's name. */
    public String variable() {
        return variable;
    }

    /** The known wrong names for it. */
    public List<String> misspellings() {
        return misspellings;
    }

    /**
     * What is wrong when this required setting is absent: one line that names it and says what to do, or empty
     * when it is set.
     */
    public Optional<String> problemWhenRequired(UnaryOperator<String> lookup) {
        if (isSet(lookup, variable)) {
            return Optional.empty();
        }
        return Optional.of(misspellingIn(lookup)
                .map(wrong -> variable + " is not set, but " + wrong + " is: rename " + wrong + " to " + variable)
                .orElse(variable + " is not set: set it in the environment or in .env (" + meaning + ")"));
    }

    /** A misspelling that is set while the right name is set too, and so is ignored. */
    public Optional<String> ignoredMisspelling(UnaryOperator<String> lookup) {
        return isSet(lookup, variable) ? misspellingIn(lookup) : Optional.empty();
    }

    private Optional<String> misspellingIn(UnaryOperator<String> lookup) {
        return misspellings.stream().filter(name -> isSet(lookup, name)).findFirst();
    }

    private static boolean isSet(UnaryOperator<String> lookup, String name) {
        String value = lookup.apply(name);
        return value != null && !value.isBlank();
    }
}
