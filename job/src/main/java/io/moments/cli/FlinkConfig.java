package io.moments.cli;

import io.moments.local.LoopbackPrometheusReporterFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
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
final class FlinkConfig {

    /**
     * The Prometheus reporter of {@code flink-conf/config.yaml} (a reporter's options are named after it, so Flink
     * has no constant for them).
     */
    static final ConfigOption<String> PROMETHEUS_FACTORY = ConfigOptions.key("metrics.reporter.prom.factory.class")
            .stringType().noDefaultValue();
    /** A port or a range ({@code 9249-9260}): the reporter takes the first free one. */
    static final ConfigOption<String> PROMETHEUS_PORT = ConfigOptions.key("metrics.reporter.prom.port")
            .stringType().defaultValue("9249");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--conf-dir", paramLabel = "DIR", defaultValue = "${sys:moments.flink-conf:-flink-conf}",
            description = "Directory of the Flink configuration (config.yaml).")
    private Path confDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", showDefaultValue = Help.Visibility.NEVER,
            description = "Overrides a configuration key (moments.* or Flink's); repeatable.")
    private Map<String, String> sets = new LinkedHashMap<>();

    /** config.yaml of {@code --conf-dir} with the {@code --set} overrides. */
    Configuration load() {
        if (!Files.isRegularFile(confDir.resolve("config.yaml"))) {
            throw Main.usage(command, "no config.yaml in " + confDir.toAbsolutePath() + " (use --conf-dir)");
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(confDir.toAbsolutePath().toString());
        sets.forEach((key, value) -> conf.setString(key.trim(), value.trim()));
        return conf;
    }

    /** Local runs serve Prometheus metrics on 127.0.0.1 only (clusters keep Flink's reporter on all interfaces). */
    static void loopbackMetrics(Configuration conf) {
        if (conf.contains(PROMETHEUS_FACTORY)) {
            conf.set(PROMETHEUS_FACTORY, LoopbackPrometheusReporterFactory.class.getName());
        }
    }

    /** Local runs keep checkpoints under .moments/ unless the configuration names a place. */
    static void defaultLocalCheckpoints(Configuration conf, String name) {
        if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Path.of(".moments", "checkpoints", name).toAbsolutePath().toUri().toString());
        }
    }
}
