package io.moments.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DJL's system defaults for every model here, set in this one place before an engine starts:
 * {@code ai.djl.offline=true} (never download anything) and one PyTorch thread per predictor
 * ({@code ai.djl.pytorch.num_threads=1}, {@code num_interop_threads=1}: Flink runs one model per task
 * slot, and more threads per slot only contend). Values the caller set (system properties) win.
 */
public final class DjlDefaults {

    private DjlDefaults() {}

    /**
     * Idempotent; no effect on an engine that has already started. Also creates {@code java.io.tmpdir}
     * if it is missing: ONNX Runtime unpacks its native library there and fails to start without it.
     */
    public static void apply() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isEmpty()) {
            try {
                Files.createDirectories(Path.of(tmp));
            } catch (IOException e) {
                // left to the engine to report, with its own message
            }
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
