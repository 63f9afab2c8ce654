package io.moments.testing;

import io.moments.MomentsJob;
import io.moments.config.MomentsSettings;
import io.moments.ingest.KafkaInput;
import io.moments.local.LocalKafkaBroker;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Kafka broker (child JVM, KRaft, 127.0.0.1) with every topic the job uses, and the job on a
 * local MiniCluster configured from flink-conf/ for integration tests: RocksDB, 1 s checkpoints,
 * parallelism 2, short idleness, REST and Prometheus on 127.0.0.1.
 */
public final class KafkaJobFixture implements AutoCloseable {

    public static final String PROMETHEUS_PORTS = "19249-19270";

    private final LocalKafkaBroker broker;
    private final Path work;

    private KafkaJobFixture(LocalKafkaBroker broker, Path work) {
        this.broker = broker;
        this.work = work;
    }

    public static KafkaJobFixture start(String name) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(name);
        LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"));
        broker.createTopics(2, MomentsSettings.from(new Configuration()).kafka().allTopics());
        return new KafkaJobFixture(broker, work);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The job's configuration for a test run, with the dashboard's REST API on the given port. */
    public Configuration jobConfig(int restPort) {
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
        conf.setString("moments.kafka.bootstrap-servers", broker.bootstrapServers());
        conf.setString("moments.watermark.idleness", "2 s");
        conf.setString("metrics.reporter.prom.factory.class", "io.moments.local.LoopbackPrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", PROMETHEUS_PORTS);
        conf.setString("execution.checkpointing.interval", "1 s");
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        conf.setString("parallelism.default", "2");
        conf.setString("rest.port", String.valueOf(restPort));
        conf.setString("rest.bind-address", "127.0.0.1");
        return conf;
    }

    /** Builds the Moments topology with Kafka in and out and starts it. */
    public JobClient startJob(Configuration conf, String name) throws Exception {
        MomentsSettings settings = MomentsSettings.from(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        return env.executeAsync(name);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
