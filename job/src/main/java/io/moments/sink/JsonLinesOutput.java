package io.moments.sink;

import io.moments.decide.Decision;
import io.moments.ingest.DeadLetter;
import io.moments.insights.Insight;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.nio.file.Path;

/** The job's outputs to local JSON-lines files (replay). */
public final class JsonLinesOutput implements JobOutput {

    private final Path decisionsFile;
    private final Path deadLetterFile;
    private final Path auditFile;
    private final Path liftFile;
    private final Path insightsFile;
    private final Path labelsFile;

    /** Null files are not written (their records are discarded). */
    public JsonLinesOutput(Path decisionsFile, Path deadLetterFile, Path auditFile, Path liftFile, Path insightsFile,
                           Path labelsFile) {
        this.decisionsFile = decisionsFile;
        this.deadLetterFile = deadLetterFile;
        this.auditFile = auditFile;
        this.liftFile = liftFile;
        this.insightsFile = insightsFile;
        this.labelsFile = labelsFile;
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

    @Override
    public void audit(DataStream<String> audit) {
        if (auditFile != null) {
            audit.sinkTo(new JsonLinesFileSink<>(auditFile, line -> line)).setParallelism(1)
                    .uid("sink-audit-file").name("File: audit");
        }
    }

    @Override
    public void liftReports(DataStream<LiftReport> reports) {
        if (liftFile != null) {
            reports.sinkTo(new JsonLinesFileSink<>(liftFile, JsonCodec::liftJson)).setParallelism(1)
                    .uid("sink-lift-file").name("File: lift reports");
        }
    }

    @Override
    public void insights(DataStream<Insight> insights) {
        if (insightsFile != null) {
            insights.sinkTo(new JsonLinesFileSink<>(insightsFile, JsonCodec::insightJson)).setParallelism(1)
                    .uid("sink-insights-file").name("File: insights");
        }
    }

    @Override
    public void labelSamples(DataStream<LabelSample> samples) {
        if (labelsFile != null) {
            samples.sinkTo(new JsonLinesFileSink<>(labelsFile, JsonCodec::labelSampleJson)).setParallelism(1)
                    .uid("sink-labels-file").name("File: label samples");
        }
    }
}
