package io.moments.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads {@code flink-conf/config.yaml} plus {@code --set} overrides, with local defaults for local runs. */
final class FlinkConfig {

    static final String CHECKPOINT_DIR = "execution.checkpointing.dir";

    private FlinkConfig() {}

    static Configuration load(Args args) {
        Path dir = Path.of(args.get("conf-dir", System.getProperty("moments.flink-conf", "flink-conf")));
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new Args.UsageException("no config.yaml in " + dir.toAbsolutePath() + " (use --conf-dir)");
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(dir.toAbsolutePath().toString());
        apply(conf, args.sets());
        String bootstrap = args.get("bootstrap-servers", null);
        if (bootstrap != null) {
            conf.setString("moments.kafka.bootstrap-servers", bootstrap);
        }
        String parallelism = args.get("parallelism", null);
        if (parallelism != null) {
            conf.setString("parallelism.default", parallelism);
        }
        return conf;
    }

    static void apply(Configuration conf, List<String> sets) {
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--set needs key=value, got " + set);
            }
            conf.setString(set.substring(0, eq).trim(), set.substring(eq + 1).trim());
        }
    }

    /** Local runs serve Prometheus metrics on 127.0.0.1 only (clusters keep Flink's reporter on all interfaces). */
    static void loopbackMetrics(Configuration conf) {
        if (conf.containsKey("metrics.reporter.prom.factory.class")) {
            conf.setString("metrics.reporter.prom.factory.class",
                    io.moments.local.LoopbackPrometheusReporterFactory.class.getName());
        }
    }

    /** Local runs keep checkpoints under .moments/ unless the configuration names a place. */
    static void defaultLocalCheckpoints(Configuration conf, String name) {
        if (!conf.containsKey(CHECKPOINT_DIR)) {
            conf.setString(CHECKPOINT_DIR, Path.of(".moments", "checkpoints", name).toAbsolutePath().toUri().toString());
        }
    }
}
