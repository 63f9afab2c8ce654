package io.moments.ingest;

import io.moments.MomentsJob;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;

/** Reads a bounded JSON-lines file (any mix of v1 schemas), for replays and tests. */
public final class JsonLinesInput implements MomentsJob.Input {

    private final String file;
    private final IngestLimits limits;

    public JsonLinesInput(java.nio.file.Path file, IngestLimits limits) {
        this.file = file.toAbsolutePath().toString();
        this.limits = limits;
    }

    @Override
    public DataStream<ParsedRecord> parsedRecords(StreamExecutionEnvironment env, WatermarkStrategy<ParsedRecord> watermarks) {
        String name = new java.io.File(file).getName();
        EventParser parser = new EventParser(limits);
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(file)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "File: " + name).uid("source-file")
                .map(line -> parser.parse(line.getBytes(StandardCharsets.UTF_8), name, false, System.currentTimeMillis()))
                .name("Parse JSON lines")
                .assignTimestampsAndWatermarks(watermarks).name("Event time");
    }
}
