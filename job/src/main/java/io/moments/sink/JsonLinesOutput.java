package io.moments.sink;

import io.moments.MomentsJob;
import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.nio.file.Path;

/** Decisions and dead letters to local JSON-lines files (replay). Without a dead-letter file they are discarded. */
public final class JsonLinesOutput implements MomentsJob.Output {

    private final Path decisionsFile;
    private final Path deadLetterFile;

    public JsonLinesOutput(Path decisionsFile, Path deadLetterFile) {
        this.decisionsFile = decisionsFile;
        this.deadLetterFile = deadLetterFile;
    }

    @Override
    public void decisions(DataStream<Decision> decisions) {
        decisions.sinkTo(new JsonLinesFileSink<>(decisionsFile, JsonCodec::decisionJson)).setParallelism(1)
                .uid("sink-decisions-file").name("File: decisions");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        if (deadLetterFile != null) {
            deadLetters.sinkTo(new JsonLinesFileSink<>(deadLetterFile, JsonCodec::deadLetterJson)).setParallelism(1)
                    .uid("sink-dead-letters-file").name("File: dead letters");
        }
    }
}
