package io.moments.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one JVM) run as a child process
 * from the jars Maven resolved into {@code local-kafka/target/broker-lib}. Binds to 127.0.0.1 only.
 * Used by {@code ./moments demo} and the integration tests; stopped by {@link #close()} and by a
 * JVM shutdown hook.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** System property naming the broker's classpath directory. */
    public static final String LIB_PROPERTY = "moments.kafka.lib";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<String> command;
    private final int port;
    private final Path dataDir;
    private final Thread shutdownHook;
    private volatile Process process;

    private LocalKafkaBroker(List<String> command, int port, Path dataDir) throws IOException {
        this.command = command;
        this.port = port;
        this.dataDir = dataDir;
        this.process = launch();
        this.shutdownHook = new Thread(() -> process.destroyForcibly(), "kafka-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker on a free port with its data under {@code dataDir}; returns once it serves requests. */
    public static LocalKafkaBroker start(Path dataDir) throws IOException, InterruptedException {
        Path lib = libDir();
        Files.createDirectories(dataDir);
        int port = freePort();
        int controllerPort = freePort();
        Path config = dataDir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "num.partitions=2",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") , StandardCharsets.UTF_8);
        String classpath = lib.toAbsolutePath() + File.separator + "*";
        Path log = dataDir.resolve("broker.log");
        run(List.of(java(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"), log);
        // 256 MB of heap is usually enough, but one start ran out of it loading its log manager.
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-Xms128m",
                "-Djava.io.tmpdir=" + dataDir.toAbsolutePath(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classpath, "kafka.Kafka", config.toString()));
        LocalKafkaBroker broker = new LocalKafkaBroker(command, port, dataDir);
        try {
            broker.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * Stops the broker (SIGTERM, as an operator's restart would) and starts it again on the same port
     * with the same logs; returns once it serves requests. Used by the fault tests.
     */
    public void restart() throws IOException, InterruptedException {
        stopProcess();
        process = launch();
        awaitReady();
    }

    private Process launch() throws IOException {
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .start();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Creates topics (replication factor 1); existing ones are left as they are. */
    public void createTopics(int partitions, String... names) throws InterruptedException {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            try {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics", e.getCause());
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("timed out creating topics", e);
            }
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("Kafka broker exited with " + process.exitValue() + "; see " + dataDir.resolve("broker.log"));
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    Thread.sleep(250);
                }
            }
        }
        throw new IOException("Kafka broker did not start within " + START_TIMEOUT + "; see " + dataDir.resolve("broker.log"));
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    private void stopProcess() {
        Process process = this.process;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path libDir() {
        String lib = System.getProperty(LIB_PROPERTY, "local-kafka/target/broker-lib");
        Path dir = Path.of(lib);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Kafka broker jars not found in " + dir.toAbsolutePath()
                    + " (build with ./mvnw package, or set -D" + LIB_PROPERTY + ")");
        }
        return dir;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "; see " + log);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
