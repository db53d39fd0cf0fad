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
        Map<String, String> kafkaPasswords) {

    /** The console's development user: an operator. */
    public static final String CONSOLE_USER = "operator";

    /** The variable the console password is kept under in {@code secrets.env} (the worker gets only its hash). */
    static final String CONSOLE_PASSWORD = "WHATSAPP_CONSOLE_PASSWORD";

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
            return completed(read(file), file);
        }
        DevSecrets created = new DevSecrets("dev-verify-" + random(), "dev-secret-" + random(), "dev-api-" + random(),
                "dev-graph-" + random(), "dev-console-" + random(), kafkaPasswords(Map.of()));
        created.write(file);
        return created;
    }

    /**
     * A home made before the console or Kafka's logins existed: its other secrets stay, the missing ones are added (and
     * written back).
     */
    private static DevSecrets completed(DevSecrets existing, Path file) {
        Map<String, String> kafka = kafkaPasswords(existing.kafkaPasswords());
        if (existing.consolePassword() != null && kafka.equals(existing.kafkaPasswords())) {
            return existing;
        }
        DevSecrets completed = new DevSecrets(existing.verifyToken(), existing.appSecret(), existing.apiToken(), existing.accessToken(),
                existing.consolePassword() != null ? existing.consolePassword() : "dev-console-" + random(), kafka);
        completed.write(file);
        return completed;
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
                properties.getProperty(CONSOLE_PASSWORD), kafkaPasswordsIn(properties));
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
            StringBuilder text = new StringBuilder("# Development secrets of the local stack, generated once. Delete this file for new ones.\n"
                    + Setting.VERIFY_TOKEN.variable() + "=" + verifyToken + "\n"
                    + Setting.APP_SECRET.variable() + "=" + appSecret + "\n"
                    + Setting.API_TOKENS.variable() + "=" + apiToken + "\n"
                    + Setting.ACCESS_TOKEN.variable() + "=" + accessToken + "\n"
                    + CONSOLE_PASSWORD + "=" + consolePassword + "\n");
            KafkaAccess.USERS.stream().filter(kafkaPasswords::containsKey).forEach(user ->
                    text.append(kafkaPasswordVariable(user)).append('=').append(kafkaPasswords.get(user)).append('\n'));
            OwnerOnly.write(file, text.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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
