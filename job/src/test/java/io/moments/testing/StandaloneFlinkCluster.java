package io.moments.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Flink session cluster: one JobManager ({@code StandaloneSessionClusterEntrypoint})
 * and TaskManagers ({@code TaskManagerRunner}), each its own JVM, started from the jars Maven resolved
 * for the job (flink-dist is not on Maven Central) with a {@code config.yaml} made from
 * {@code flink-conf/} plus the overrides a test needs. Every listener binds to 127.0.0.1. The job's
 * classes are on the cluster's classpath, as in an application-mode image. Jobs are submitted over
 * REST ({@link #restPort()}).
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path work;
    private final Configuration conf;
    private final Path confDir;
    private final String classpath;
    private final int restPort;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private int taskManagersStarted;

    private StandaloneFlinkCluster(Path work, Configuration conf, Path confDir, String classpath, int restPort,
                                   Process jobManager) {
        this.work = work;
        this.conf = conf;
        this.confDir = confDir;
        this.classpath = classpath;
        this.restPort = restPort;
        this.jobManager = jobManager;
    }

    /**
     * Starts the JobManager and {@code taskManagers} TaskManagers with one slot each (so a job of
     * parallelism n spreads over n TaskManagers) and returns once they are all registered.
     */
    public static StandaloneFlinkCluster start(Path work, Map<String, String> overrides, int taskManagers)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        int restPort = KafkaJobFixture.freePort();
        Configuration conf = GlobalConfiguration.loadConfiguration(System.getProperty("moments.flink-conf", "../flink-conf"));
        conf.setString("jobmanager.rpc.address", "127.0.0.1");
        conf.setString("jobmanager.rpc.port", String.valueOf(KafkaJobFixture.freePort()));
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.port", String.valueOf(restPort));
        conf.setString("blob.server.port", String.valueOf(KafkaJobFixture.freePort()));
        conf.setString("taskmanager.numberOfTaskSlots", "1");
        conf.setString("jobmanager.memory.process.size", "768m");
        conf.setString("taskmanager.memory.process.size", "1280m");
        // A killed TaskManager is noticed within seconds rather than the default 50 s.
        conf.setString("heartbeat.interval", "2 s");
        conf.setString("heartbeat.timeout", "8 s");
        conf.setString("io.tmp.dirs", work.resolve("tmp").toString());
        conf.setString("execution.checkpointing.dir", work.resolve("checkpoints").toUri().toString());
        conf.setString("execution.checkpointing.savepoint-dir", work.resolve("savepoints").toUri().toString());
        conf.setString("metrics.reporter.prom.factory.class", "io.moments.local.LoopbackPrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", "19271-19290");
        overrides.forEach(conf::setString);
        Files.createDirectories(work.resolve("tmp"));
        Path confDir = work.resolve("conf");
        Files.createDirectories(confDir);
        Files.writeString(confDir.resolve("config.yaml"), yaml(conf), StandardCharsets.UTF_8);
        Path log4j = Path.of(System.getProperty("moments.flink-conf", "../flink-conf"), "log4j2.properties");
        // The project's logging, plus what a fault test needs to read: failovers, restarts, checkpoints.
        Files.writeString(confDir.resolve("log4j2.properties"), Files.readString(log4j) + String.join("\n", "",
                "logger.failover.name = org.apache.flink.runtime.executiongraph",
                "logger.failover.level = INFO",
                "logger.checkpoints.name = org.apache.flink.runtime.checkpoint.CheckpointCoordinator",
                "logger.checkpoints.level = INFO",
                "logger.jobmaster.name = org.apache.flink.runtime.jobmaster.JobMaster",
                "logger.jobmaster.level = INFO", ""));

        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
        Process jm = launch(work, confDir, classpath, "jobmanager", List.of("-Xmx512m"),
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", List.of());
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(work, conf, confDir, classpath, restPort, jm);
        try {
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public int restPort() {
        return restPort;
    }

    public Path work() {
        return work;
    }

    /**
     * Starts one more TaskManager JVM, with the heap flags and resource settings that flink-dist's
     * taskmanager.sh would compute from the configured process size (via the same Flink utilities).
     */
    public void startTaskManager() throws IOException {
        taskManagersStarted++;
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
        taskManagers.add(launch(work, confDir, classpath, "taskmanager-" + taskManagersStarted,
                words(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec))));
    }

    private static List<String> words(String flags) {
        return List.of(flags.trim().split("\\s+"));
    }

    /** {@code kill -9} of the given running TaskManager: no shutdown hook, no goodbye to the JobManager. */
    public void killTaskManager(int index) throws InterruptedException {
        Process tm = taskManagers.remove(index);
        tm.destroyForcibly(); // SIGKILL on Linux
        tm.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits until the JobManager reports {@code count} registered TaskManagers. */
    public void awaitTaskManagers(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new IOException("JobManager exited; see " + work.resolve("jobmanager.log"));
            }
            String overview = get("/overview");
            if (overview != null && overview.contains("\"taskmanagers\":" + count + ",")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("cluster did not reach " + count + " TaskManagers within " + START_TIMEOUT
                + "; see the logs under " + work);
    }

    /** GET on the REST API; null when it does not answer (yet). */
    public String get(String path) throws InterruptedException {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException notUp) {
            return null;
        }
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(taskManagers);
        all.add(jobManager);
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Process launch(Path work, Path confDir, String classpath, String name, List<String> jvmFlags,
                                  String mainClass, List<String> dynamicProperties) throws IOException {
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-Djava.io.tmpdir=" + work.resolve("tmp"),
                "-Dlog.file=" + log,
                "-Dlog4j.configurationFile=" + confDir.resolve("log4j2.properties").toUri(),
                "-Dai.djl.offline=true",
                "-cp", classpath, mainClass, "--configDir", confDir.toString()));
        command.addAll(dynamicProperties);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(name + ".out").toFile())).start();
        // Children die with the test JVM even if it is killed before close().
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return process;
    }

    /** Flat YAML, every value quoted: Flink 2 reads "key: value" lines as one mapping. */
    private static String yaml(Configuration conf) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(conf.toMap()).forEach((k, v) -> out.append(k).append(": \"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        return out.toString();
    }
}
