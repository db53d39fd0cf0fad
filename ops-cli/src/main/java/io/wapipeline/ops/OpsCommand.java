package io.wapipeline.ops;

import java.io.PrintWriter;

import io.wapipeline.ops.doctor.DoctorCommand;
import io.wapipeline.ops.importer.ImportDjangoCommand;
import io.wapipeline.ops.kafka.KafkaCommand;
import io.wapipeline.ops.redrive.RedriveCommand;
import io.wapipeline.ops.replay.ReplayCommand;
import io.wapipeline.ops.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wa-ops}: one command with a subcommand per operator task. */
@Command(name = "wa-ops", mixinStandardHelpOptions = true, version = "wa-ops 0.1.0",
        description = "Operator tools for the WhatsApp webhook pipeline. Settings default to the environment and ./.env.",
        subcommands = { SimulateCommand.class, ReplayCommand.class, RedriveCommand.class, DoctorCommand.class,
                ImportDjangoCommand.class, KafkaCommand.class, CommandLine.HelpCommand.class })
public final class OpsCommand {

    private final Environment environment;

    OpsCommand(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code: 0 on success, 1 when the work failed, 2 on bad usage. */
    public static int run(String... args) {
        return run(Environment.current(), utf8(System.out), utf8(System.err), args);
    }

    /** The same with a given environment and output, for tests and for tools that embed {@code wa-ops}. */
    public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new OpsCommand(environment)).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out).setErr(err).setExecutionExceptionHandler((failure, line, parsed) -> {
                    line.getErr().println(line.getCommandName() + ": " + failure.getMessage()
                            + (failure.getCause() == null ? "" : " (" + Failures.rootMessage(failure) + ")"));
                    return failure instanceof IllegalArgumentException ? 2 : 1;
                });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /** ✓ and ✗ whatever the platform's default encoding. */
    private static PrintWriter utf8(java.io.PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
    }

    /** The settings the subcommands take their defaults from. */
    public Environment environment() {
        return environment;
    }
}
