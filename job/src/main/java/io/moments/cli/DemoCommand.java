package io.moments.cli;

import io.moments.local.LoopbackPrometheusReporterFactory;
import io.moments.run.FlinkConfig;
import io.moments.MomentsJob;
import io.moments.config.MomentsOptions;
import io.moments.config.MomentsSettings;
import io.moments.demo.DecisionWatcher;
import io.moments.demo.LiveView;
import io.moments.demo.SessionBoard;
import io.moments.demo.TrafficSimulator;
import io.moments.insights.InsightTable;
import io.moments.ingest.KafkaInput;
import io.moments.local.LocalKafkaBroker;
import io.moments.sink.KafkaOutput;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code demo}: a real Kafka broker (child JVM), the traffic simulator, and the job on a local Flink
 * with its dashboard, printing what decisions come out. Stops everything on Ctrl-C or after
 * {@code --duration}, leaving no process behind.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "An embedded Kafka broker, the traffic simulator and the job on a local Flink with its dashboard.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to run, e.g. 90s or 5min (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "SESSIONS_PER_SECOND", defaultValue = "2",
            description = "Simulated shopper sessions started per second.")
    double rate;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081", description = "Port of the Flink dashboard.")
    int port;

    @Option(names = "--live-port", paramLabel = "PORT", defaultValue = "8090", description = "Port of the live sessions page.")
    int livePort;

    @Option(names = "--parallelism", paramLabel = "N", description = "Default parallelism of every operator.")
    Integer parallelism;

    @Mixin
    FlinkConfig flinkConfig;

    @Override
    public Integer call() throws Exception {
        Path work = Path.of(".moments", "demo").toAbsolutePath();
        deleteRecursively(work);
        System.out.println("moments demo: starting a Kafka broker (KRaft, 127.0.0.1) ...");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"))) {
            Configuration conf = demoConfiguration(broker, work);
            MomentsSettings settings = MomentsSettings.from(conf);
            MomentsSettings.Kafka k = settings.kafka();
            broker.createTopics(2, k.allTopics());
            System.out.println("moments demo: broker " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
            Files.writeString(ConsumeCommand.DEMO_BROKER, broker.bootstrapServers()); // for ./moments consume

            JobClient job = startJob(conf, settings);
            TrafficSimulator simulator = startSimulator(broker, k);
            CtrlC ctrlC = CtrlC.install();
            try {
                watch(broker, k, simulator, ctrlC);
            } finally {
                System.out.println("moments demo: stopping ...");
                simulator.stop();
                cancel(job);
                broker.close();
                Files.deleteIfExists(ConsumeCommand.DEMO_BROKER);
                ctrlC.release();
            }
        }
        System.out.println("moments demo: stopped");
        return 0;
    }

    /** The user's Flink configuration with the demo's broker, short intervals and loopback-only endpoints. */
    private Configuration demoConfiguration(LocalKafkaBroker broker, Path work) {
        Configuration conf = flinkConfig.load();
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        conf.set(MomentsOptions.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        conf.set(MomentsOptions.LIFT_REPORT_INTERVAL, Duration.ofSeconds(15));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
        conf.set(RestOptions.PORT, port);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        LoopbackPrometheusReporterFactory.useIn(conf);
        return conf;
    }

    private JobClient startJob(Configuration conf, MomentsSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        MomentsJob.build(env, settings, new KafkaInput(settings), new KafkaOutput(settings));
        JobClient job = env.executeAsync("moments-demo");
        System.out.println("moments demo: job " + job.getJobID() + " running; dashboard http://127.0.0.1:" + port
                + " (" + dashboardStatus(port) + "); Prometheus metrics on http://127.0.0.1:"
                + conf.get(LoopbackPrometheusReporterFactory.PROMETHEUS_PORT) + "/metrics");
        return job;
    }

    private TrafficSimulator startSimulator(LocalKafkaBroker broker, MomentsSettings.Kafka k) {
        TrafficSimulator simulator = new TrafficSimulator(broker.bootstrapServers(),
                Map.of("interactions", k.interactions(), "text", k.text(), "outcomes", k.outcomes()), k.decisions(),
                rate, 42);
        Thread thread = new Thread(simulator, "traffic-simulator");
        thread.setDaemon(true);
        thread.start();
        return simulator;
    }

    /**
     * Reads what the job writes, feeds the live page and prints a progress line every few seconds until
     * Ctrl-C or {@code --duration}; then saves and prints the lift report and the insight table.
     */
    private void watch(LocalKafkaBroker broker, MomentsSettings.Kafka k, TrafficSimulator simulator, CtrlC ctrlC)
            throws Exception {
        long start = System.nanoTime();
        SessionBoard board = new SessionBoard(30, 40);
        InsightTable insights = new InsightTable();
        try (DecisionWatcher watcher = new DecisionWatcher(broker.bootstrapServers(), k.decisions(), k.deadLetters(),
                     k.liftReports(), k.insights(), k.labels(), board::add, insights::add, board::addSample);
             LiveView live = new LiveView(livePort, board, insights, watcher::liftLines)) {
            System.out.println("moments demo: live sessions on http://127.0.0.1:" + live.port() + "/");
            while (!ctrlC.pressed(REPORT_EVERY)) {
                watcher.poll(Duration.ofMillis(200));
                long elapsed = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                System.out.printf("[%4ds] sessions %d, records %d, purchases %d | %s%n", elapsed,
                        simulator.sessionsStarted(), simulator.recordsSent(), simulator.purchases(), watcher.summary());
                if (duration != null && elapsed >= duration.toSeconds()) {
                    break;
                }
            }
            saveLiftReport(watcher.liftLines());
            saveInsights(watcher.insightLines(), insights);
        }
    }

    private static void cancel(JobClient job) {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("moments demo: job cancel: " + e.getMessage());
        }
    }

    /**
     * Ctrl-C as a signal to the main thread: the shutdown hook only says it was pressed and then waits
     * until the main thread has stopped the simulator, the job and the broker in order.
     */
    private static final class CtrlC {
        private final CountDownLatch pressed = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final Thread hook = new Thread(this::onShutdown, "demo-shutdown");

        static CtrlC install() {
            CtrlC c = new CtrlC();
            Runtime.getRuntime().addShutdownHook(c.hook);
            return c;
        }

        boolean pressed(Duration wait) throws InterruptedException {
            return pressed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        void release() {
            released.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C path: the hook is already running and waits for `released`
            }
        }

        private void onShutdown() {
            pressed.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps the run's lift rows for {@code ./moments report} and prints the latest. */
    private static void saveLiftReport(java.util.List<String> lines) throws IOException {
        Files.createDirectories(ReportCommand.LAST_DEMO_REPORT.getParent());
        Files.write(ReportCommand.LAST_DEMO_REPORT, lines);
        System.out.println();
        ReportCommand.print(ReportCommand.latest(ReportCommand.fromLines(lines)), System.out);
        System.out.println("(saved to " + ReportCommand.LAST_DEMO_REPORT + "; print it again with ./moments report)");
    }

    /** Keeps the run's insight rows for {@code ./moments insights --input} and prints the top steps and pages. */
    private static void saveInsights(java.util.List<String> lines, InsightTable insights) throws IOException {
        Files.write(InsightsCommand.LAST_DEMO_INSIGHTS, lines);
        System.out.println();
        insights.print(5, 5, System.out);
        System.out.println("(saved to " + InsightsCommand.LAST_DEMO_INSIGHTS + "; ./moments insights prints it again)");
    }

    /** Asks the dashboard's REST API for the cluster overview, so the demo says whether it answers. */
    private static String dashboardStatus(int port) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/overview")).timeout(Duration.ofSeconds(5)).build();
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                java.net.http.HttpResponse<String> response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return "answers: " + response.body();
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "not answering";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
