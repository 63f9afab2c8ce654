package io.moments.run;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;

/** How every Moments command line reads values and reports a usage error (the job's run and ./moments alike). */
public final class CommandLines {

    private CommandLines() {}

    /** Durations by Flink's parser, enum values in any case, usage errors as {@link #usageError}. */
    public static CommandLine configure(CommandLine cli) {
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(CommandLines::usageError);
        return cli;
    }

    /** A usage error: what is wrong, the nearest valid names if any, and the command's usage; exit code 2. */
    public static int usageError(ParameterException e, String[] argv) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println();
        cmd.usage(err, cmd.getColorScheme());
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
