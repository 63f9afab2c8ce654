package io.moments.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes records as JSON lines to one local file, for bounded replays (run it with parallelism 1).
 * Not fault tolerant: a replay that fails is simply run again; streaming output goes to Kafka.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

    private final String path;
    private final SerializableFunction<T, String> toJson;

    public JsonLinesFileSink(Path path, SerializableFunction<T, String> toJson) {
        this.path = path.toAbsolutePath().toString();
        this.toJson = toJson;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path file = Path.of(path);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // An OutputStreamWriter replaces unencodable characters (a lone surrogate in hostile input) instead of
        // throwing, which Files.newBufferedWriter would: a dead letter must never fail the job.
        BufferedWriter writer = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                StandardCharsets.UTF_8));
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                writer.write(toJson.apply(element));
                writer.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
