package dev.flashsale.sim;

import dev.flashsale.sim.cli.ExitStatus;
import dev.flashsale.sim.cli.RunCommand;
import dev.flashsale.sim.cli.SeedCommand;
import dev.flashsale.sim.cli.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code producer-sim} command line: {@code seed}, {@code run} and {@code verify}. */
@Command(
        name = "producer-sim",
        mixinStandardHelpOptions = true,
        version = "flashsale producer-sim 0.1.0",
        usageHelpAutoWidth = true,
        description = {
            "Load generator and verifier for flashsale: seeds items, publishes purchase requests, collects the results,"
                    + " checks the invariants and reports throughput and latency.",
            "Connection options take the same FLASHSALE_* variables as the worker; the database password is read from"
                    + " FLASHSALE_DB_PASSWORD only.",
            ""
        },
        subcommands = {SeedCommand.class, RunCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Exit status: 0 success, 1 an invariant broken or answers missing, 2 bad options, 3 an error such as an"
                    + " unreachable server."
        })
public final class SimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a subcommand there is nothing to do: explain the usage. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: seed, run or verify");
    }

    /**
     * The command line with its error handling: a bad setting (an {@link IllegalArgumentException} from validation)
     * exits with {@link ExitStatus#USAGE} and its message; any other failure with {@link ExitStatus#ERROR}, its message and
     * causes.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SimCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof IllegalArgumentException) {
                failed.getErr().println(exception.getMessage());
                return ExitStatus.USAGE;
            }
            failed.getErr().println("producer-sim failed: " + describe(exception));
            return ExitStatus.ERROR;
        });
        return commandLine;
    }

    private static String describe(Throwable exception) {
        StringBuilder message = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            message.append(System.lineSeparator()).append("  caused by: ").append(cause);
        }
        return message.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
