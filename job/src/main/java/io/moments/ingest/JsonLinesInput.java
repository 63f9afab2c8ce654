package io.moments.ingest;

import io.moments.config.MomentsSettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;

/** Reads a bounded JSON-lines file (any mix of v1 schemas) in file order, for replays and tests. */
public final class JsonLinesInput implements JobInput {

    private final String file;

    public JsonLinesInput(java.nio.file.Path file) {
        this.file = file.toAbsolutePath().toString();
    }

    @Override
    public DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, MomentsSettings settings) {
        String name = new java.io.File(file).getName();
        EventParser parser = new EventParser(settings.limits());
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(file)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "File: " + name).uid("source-file")
                .map(line -> parser.parse(line.getBytes(StandardCharsets.UTF_8), name, false, System.currentTimeMillis()))
                .name("Parse JSON lines")
                .assignTimestampsAndWatermarks(Watermarks.perRecordWatermarks(settings)).name("Event time");
    }
}
