package io.wapipeline.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wa-ops}: one command with a subcommand per operator task. */
@Command(name = "wa-ops", mixinStandardHelpOptions = true, version = "wa-ops 0.1.0",
        description = "Operator tools for the WhatsApp webhook pipeline. Settings default to the environment and ./.env.",
        subcommands = { CommandLine.HelpCommand.class })
public final class OpsCommand {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code: 0 on success, 1 when the work failed, 2 on bad usage. */
    public static int run(String... args) {
        return new CommandLine(new OpsCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
