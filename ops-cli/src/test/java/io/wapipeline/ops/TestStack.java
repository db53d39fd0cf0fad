package io.wapipeline.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.StackSettings;

/**
 * The local stack as {@code ./run-local} starts it (the same code, the services' real jars), started once for all
 * tests of this module and stopped when the test JVM ends. Tests run {@code wa-ops} against it in process.
 */
public final class TestStack {

    private static LocalStack stack;

    private TestStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path repository = Path.of("..").toAbsolutePath().normalize();
            stack = LocalStack.start(StackSettings.forTest(repository, Path.of("target/stack-home").toAbsolutePath()));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "test-stack-stop"));
        }
        return stack;
    }

    /** The environment a tool would have after {@code . .local/stack.env}. */
    public static Map<String, String> settings() {
        return new HashMap<>(get().settingsForTools());
    }

    /** Runs {@code wa-ops} with the stack's settings, changed by {@code edit}. */
    public static Run wa(Consumer<Map<String, String>> edit, String... args) {
        Map<String, String> settings = settings();
        edit.accept(settings);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = OpsCommand.run(new Environment(settings, new Properties()), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /**
     * Makes a run's Kafka login the stack's own super user's: for {@code wa-ops kafka} on a test's own topics and
     * groups, which {@code wa-ops}' user may not touch.
     */
    public static void asStackAdmin(Map<String, String> settings) {
        settings.putAll(get().kafkaAdminSettings());
    }

    public static Run wa(String... args) {
        return wa(settings -> { }, args);
    }

    /** What one {@code wa-ops} run printed and returned. */
    public record Run(int exitCode, String out, String err) {
    }
}
