package io.moments.cli;

/** The {@code ./moments} command line: {@code run}, {@code demo}, {@code replay}, {@code consume}, {@code simulate}, ... */
public final class Main {

    static final String USAGE = """
            usage: moments <command> [flags]

              run      Kafka in, Kafka out (topics and settings from flink-conf/config.yaml)
                         --bootstrap-servers H:P   --parallelism N   --conf-dir DIR   --set key=value ...
              demo     embedded Kafka broker + traffic simulator + local Flink with dashboard on 127.0.0.1:8081
                         --duration 90s (default: until Ctrl-C)   --rate SESSIONS_PER_SECOND (default 2)
                         --port 8081 (dashboard)   --live-port 8090 (live sessions page)   --set key=value ...
              replay   the same job on a bounded JSON-lines file
                         --input F.jsonl --output G.jsonl [--dead-letter H.jsonl] [--audit A.jsonl]
                         [--lift L.jsonl] [--insights I.jsonl] [--labels S.jsonl] [--policy P.json]   --set key=value ...
              score    the models offline:  text --input F.jsonl --output G.jsonl  |  image FILE...  |  audio FILE.wav...
              bench    performance figures, one JSON line each (docs/performance.md)
                         clickstream  the job without models on an in-process clickstream (RocksDB, 10 s checkpoints)
                                      --events 2000000   --parallelism 2   --state-backend rocksdb|hashmap
                         inference    batched operator vs per-record flatMap vs bare model
                                      --modality text|image|audio   --items N   --warmup N   --rounds N
                         latency      moment → decision through a real broker, both delivery modes
                                      --rate 500   --seconds 120   --warm-up-seconds 30
                         state        RocksDB bytes per active session   --sessions 10000   --baseline-sessions 100
              report   the latest lift report (treatment vs holdout, 95% intervals) as a table
                         [--input L.jsonl | --bootstrap-servers H:P]   default: the last demo's report
              insights the top friction steps and pages of the latest insight windows
                         [--input I.jsonl | --bootstrap-servers H:P] (default: the running or last demo)   --windows 5   --top 10
              consume  decisions as an ad server reads them (CloudEvents; duplicates and expired ones dropped)
                         [--bootstrap-servers H:P] (default: the running demo's broker)   --topic decisions
                         --from-beginning   --idle-timeout 30s   --max-records N   --show-records (key, headers, value)
              simulate the demo's shopper traffic as a JSON-lines file (input for replay)
                         --output F.jsonl   --sessions N (100)   --seed S (1)   --start ISO-TIME   --gap 500ms
            """;

    private Main() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Args args = new Args(argv, 1);
        if (argv[0].equals("run")) {
            // Also the entry point on a cluster (application mode): never System.exit there, it would
            // take the JobManager down with it. Failures propagate to Flink as they are.
            RunCommand.run(args);
            return;
        }
        try {
            switch (argv[0]) {
                case "demo" -> DemoCommand.run(args);
                case "replay" -> ReplayCommand.run(args);
                case "simulate" -> SimulateCommand.run(args);
                case "report" -> ReportCommand.run(args);
                case "consume" -> ConsumeCommand.run(args);
                case "insights" -> InsightsCommand.run(args);
                case "score" -> ScoreCommand.run(args);
                case "bench" -> BenchCommand.run(args);
                default -> throw new Args.UsageException("unknown command: " + argv[0]);
            }
        } catch (Args.UsageException e) {
            System.err.println("moments: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (Exception e) {
            // Half-started Flink or Kafka client threads must not keep a failed command alive.
            System.err.println("moments " + argv[0] + " failed: " + rootMessage(e));
            e.printStackTrace(System.err);
            System.exit(1);
        }
        System.exit(0);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
