package io.wapipeline.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.wapipeline.model.settings.Setting;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The development secrets of a local stack: generated once, kept in {@code .local/secrets.env} (in {@code .env} syntax,
 * so {@code wa-ops} and scripts can read them) and reused on every start, so commands printed yesterday still work.
 *
 * @param kafkaPasswords the password of each of the stack's Kafka users ({@link KafkaAccess#USERS}), by user
 */
public record DevSecrets(String verifyToken, String appSecret, String apiToken, String accessToken, String consolePassword,
        String internalKey, DatabasePasswords database, Map<String, String> kafkaPasswords) {

    /** The console's development user: an operator. */
    public static final String CONSOLE_USER = "operator";

    /** The variable the console password is kept under in {@code secrets.env} (the worker gets only its hash). */
    static final String CONSOLE_PASSWORD = "WHATSAPP_CONSOLE_PASSWORD";

    /** The passwords of the embedded PostgreSQL's roles, kept in {@code secrets.env} under these names. */
    static final String SUPERUSER_PASSWORD = "POSTGRES_PASSWORD";
    static final String OWNER_PASSWORD = "DATABASE_OWNER_PASSWORD";
    static final String APP_PASSWORD = "DATABASE_APP_PASSWORD";

    /**
     * The embedded PostgreSQL's passwords: its superuser's (the stack's own provisioning, never given to a service),
     * the owner's (the worker's migrations) and the application role's (the worker and the tools).
     */
    public record DatabasePasswords(String superuser, String owner, String app) {

        @Override
        public String toString() {
            return "DatabasePasswords[****]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    public DevSecrets {
        kafkaPasswords = Map.copyOf(kafkaPasswords);
    }

    /** The secrets in {@code file}, or new ones written there when it does not exist yet. */
    public static DevSecrets loadOrCreate(Path file) {
        if (Files.isRegularFile(file)) {
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot make " + file + " readable by its owner only", e);
            }
            DevSecrets existing = read(file);
            DevSecrets completed = existing.withMissingAdded();
            if (!completed.equals(existing)) {
                // A home made by an earlier release (before the console, or before the database or Kafka had passwords): its
                // other secrets stay, the missing ones are added.
                completed.write(file);
            }
            return completed;
        }
        DevSecrets created = new DevSecrets("dev-verify-" + random(), "dev-secret-" + random(), "dev-api-" + random(),
                "dev-graph-" + random(), null, null, null, Map.of()).withMissingAdded();
        created.write(file);
        return created;
    }

    /** {@code known} with a new password for each Kafka user that has none. */
    private static Map<String, String> kafkaPasswords(Map<String, String> known) {
        Map<String, String> passwords = new LinkedHashMap<>();
        KafkaAccess.USERS.forEach(user -> passwords.put(user, known.getOrDefault(user, "dev-kafka-" + random())));
        return passwords;
    }

    /** Where a Kafka user's password is kept in {@code secrets.env}: {@code KAFKA_WA_OPS_PASSWORD} for {@code wa-ops}. */
    static String kafkaPasswordVariable(String user) {
        return "KAFKA_" + user.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    private static DevSecrets read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new DevSecrets(required(properties, Setting.VERIFY_TOKEN, file), required(properties, Setting.APP_SECRET, file),
                required(properties, Setting.API_TOKENS, file), required(properties, Setting.ACCESS_TOKEN, file),
                properties.getProperty(CONSOLE_PASSWORD), properties.getProperty(Setting.INTERNAL_KEY.variable()),
                new DatabasePasswords(properties.getProperty(SUPERUSER_PASSWORD),
                        properties.getProperty(OWNER_PASSWORD), properties.getProperty(APP_PASSWORD)),
                kafkaPasswordsIn(properties));
    }

    private DevSecrets withMissingAdded() {
        DatabasePasswords passwords = database == null ? new DatabasePasswords(null, null, null) : database;
        return new DevSecrets(verifyToken, appSecret, apiToken, accessToken, orRandom(consolePassword, "dev-console-"),
                internalKey == null || internalKey.isBlank() ? newInternalKey() : internalKey,
                new DatabasePasswords(orRandom(passwords.superuser(), "dev-pg-"), orRandom(passwords.owner(), "dev-owner-"),
                        orRandom(passwords.app(), "dev-app-")), kafkaPasswords(kafkaPasswords));
    }

    private static String orRandom(String value, String prefix) {
        return value == null || value.isBlank() ? prefix + random() : value;
    }

    private static Map<String, String> kafkaPasswordsIn(Properties properties) {
        Map<String, String> passwords = new LinkedHashMap<>();
        KafkaAccess.USERS.forEach(user -> {
            String password = properties.getProperty(kafkaPasswordVariable(user));
            if (password != null && !password.isBlank()) {
                passwords.put(user, password);
            }
        });
        return passwords;
    }

    private static String required(Properties properties, Setting setting, Path file) {
        String value = properties.getProperty(setting.variable());
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no " + setting.variable() + ": delete the file to generate new secrets");
        }
        return value;
    }

    private void write(Path file) {
        try {
            StringBuilder text = new StringBuilder("# Development secrets of the local stack, generated once. The database keeps the passwords it was given:"
                    + " for new ones, delete this file and run ./run-local --reset, which wipes the stack's data as well.\n"
                    + Setting.VERIFY_TOKEN.variable() + "=" + verifyToken + "\n"
                    + Setting.APP_SECRET.variable() + "=" + appSecret + "\n"
                    + Setting.API_TOKENS.variable() + "=" + apiToken + "\n"
                    + Setting.ACCESS_TOKEN.variable() + "=" + accessToken + "\n"
                    + CONSOLE_PASSWORD + "=" + consolePassword + "\n"
                    + Setting.INTERNAL_KEY.variable() + "=" + internalKey + "\n"
                    + SUPERUSER_PASSWORD + "=" + database.superuser() + "\n"
                    + OWNER_PASSWORD + "=" + database.owner() + "\n"
                    + APP_PASSWORD + "=" + database.app() + "\n");
            KafkaAccess.USERS.stream().filter(kafkaPasswords::containsKey).forEach(user ->
                    text.append(kafkaPasswordVariable(user)).append('=').append(kafkaPasswords.get(user)).append('\n'));
            OwnerOnly.write(file, text.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 256 random bits: the worker and wa-ops share it, nothing else does. */
    private static String newInternalKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "dev-internal-" + HexFormat.of().formatHex(bytes);
    }

    private static String random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * {@code WHATSAPP_CONSOLE_USERS} for the worker: the development operator with a bcrypt hash of its password, made
     * anew at each start (a fresh salt; the password stays the same).
     */
    public String consoleUsers() {
        return CONSOLE_USER + ":operator:{bcrypt}" + new BCryptPasswordEncoder().encode(consolePassword);
    }

    @Override
    public String toString() {
        return "DevSecrets[****]";
    }
}
