package io.moments.cli;

import io.moments.run.CommandLines;
import io.moments.run.RunCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * The {@code ./moments} command line: {@code run}, {@code demo}, {@code replay}, {@code consume}, {@code simulate},
 * {@code labels}, ...
 * Every command prints its own usage with {@code --help}; {@code ./moments --help} lists them.
 *
 * <p>Exit codes: 0 done (and {@code --help}, {@code --version}); 2 a usage error (unknown option or command, a
 * missing option or value, a malformed value), printed with the command's usage before the command starts;
 * 1 a command that failed.
 */
@Command(name = "moments", mixinStandardHelpOptions = true,
        description = "Emotion labels, friction moments and personalization decisions on Apache Flink.",
        subcommands = {
                RunCommand.class,
                DemoCommand.class,
                ReplayCommand.class,
                SimulateCommand.class,
                ScoreCommand.class,
                BenchCommand.class,
                ReportCommand.class,
                InsightsCommand.class,
                LabelsCommand.class,
                ConsumeCommand.class,
                CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class,
        },
        footer = {"", "Run 'moments <command> --help' for a command's options."})
public final class Main {

    private Main() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length > 0 && argv[0].equals("run")) {
            // Also the entry point on a cluster (application mode): never System.exit there, it would
            // take the JobManager down with it. Failures propagate to Flink as they are.
            RunCommand.main(Arrays.copyOfRange(argv, 1, argv.length));
            return;
        }
        // Half-started Flink or Kafka client threads must not keep a finished or failed command alive.
        System.exit(execute(argv));
    }

    /** Runs a command line and returns its exit code (0, 1 or 2), without exiting. */
    static int execute(String... argv) {
        return commandLine().execute(argv);
    }

    /** The {@code moments} command with its subcommands, converters and exit-code handlers. */
    /** The checkout the launcher runs from (the parent of its flink-conf directory), whatever the working directory. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("moments.flink-conf", "flink-conf")).toAbsolutePath().getParent();
    }

    static CommandLine commandLine() {
        CommandLine cli = CommandLines.configure(new CommandLine(new Main()));
        cli.setExecutionExceptionHandler(Main::failed);
        // generate-completion is hidden by default; list it with the other commands
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        withVersion(cli, new Version());
        return cli;
    }

    /** {@code --version} on every command prints the project's version. */
    private static void withVersion(CommandLine cmd, Version version) {
        cmd.getCommandSpec().versionProvider(version);
        cmd.getSubcommands().values().forEach(sub -> withVersion(sub, version));
    }

    /** A command that failed: one line with the root cause, then the stack trace; exit code 1. */
    private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + " failed: " + rootMessage(e));
        e.printStackTrace(err);
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /** A usage error found by a command itself (a missing file, no running demo): exit code 2 with its usage. */
    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** The project version, filled in by the build ({@code version.properties} next to this class). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[]{"moments " + p.getProperty("version", "(version unknown)")};
        }
    }
}
