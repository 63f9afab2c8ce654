package io.moments.run;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --conf-dir} and {@code --set key=value}, mixed into the commands that run the job: loads
 * {@code flink-conf/config.yaml} plus the overrides, with local defaults for local runs.
 */
public final class FlinkConfig {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--conf-dir", paramLabel = "DIR", defaultValue = "${sys:moments.flink-conf:-flink-conf}",
            description = "Directory of the Flink configuration (config.yaml).")
    private Path confDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", showDefaultValue = Help.Visibility.NEVER,
            description = "Overrides a configuration key (moments.* or Flink's); repeatable.")
    private Map<String, String> sets = new LinkedHashMap<>();

    /** config.yaml of {@code --conf-dir} with the {@code --set} overrides. */
    public Configuration load() {
        if (!Files.isRegularFile(confDir.resolve("config.yaml"))) {
            throw new ParameterException(command.commandLine(), "no config.yaml in " + confDir.toAbsolutePath() + " (use --conf-dir)");
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toAbsolutePath().toString());
        sets.forEach((key, value) -> conf.setString(key.trim(), value.trim()));
        return conf;
    }

    /** Local runs keep checkpoints under .moments/ unless the configuration names a place. */
    public static void defaultLocalCheckpoints(Configuration conf, String name) {
        if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Path.of(".moments", "checkpoints", name).toAbsolutePath().toUri().toString());
        }
    }
}
