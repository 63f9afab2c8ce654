package io.moments;

import io.moments.config.MomentsSettings;
import io.moments.decide.AuditRecord;
import io.moments.decide.Decision;
import io.moments.decide.InitialPolicy;
import io.moments.decide.PolicyValidator;
import io.moments.inference.BatchingInferenceOperator;
import io.moments.inference.Scorer;
import io.moments.inference.ModelScorer;
import io.moments.ingest.ControlRecord;
import io.moments.ingest.DeadLetter;
import io.moments.ingest.DeadLetterRouter;
import io.moments.ingest.JobInput;
import io.moments.ingest.ParsedRecord;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.SessionLabeler;
import io.moments.lift.LiftAggregator;
import io.moments.insights.Insight;
import io.moments.insights.InsightAggregate;
import io.moments.insights.InsightCap;
import io.moments.insights.InsightPartial;
import io.moments.insights.InsightPreAggregator;
import io.moments.insights.InsightWindowFunction;
import io.moments.insights.InsightWindows;
import io.moments.insights.Observation;
import io.moments.labels.LabelSample;
import io.moments.lift.LiftReport;
import io.moments.privacy.ErasureParser;
import io.moments.privacy.ErasureRequest;
import io.moments.privacy.UserSessionIndex;
import io.moments.session.LateEventFilter;
import io.moments.session.SessionInput;
import io.moments.session.SessionOperator;
import io.moments.session.SessionProcessor;
import io.moments.sink.JobOutput;
import io.moments.sink.JsonCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;


/**
 * The Moments topology, in the order of the data-flow picture:
 * parse + validate (dead letters) → consent-gated signals → per-session dedupe → labels and friction
 * patterns in each session's own event-time order, on arrival → decisions under the broadcast policy (+ audit) → session outcomes → lift reports.
 * Where records come from and go to is left to {@link JobInput} and {@link JobOutput}, so Kafka runs,
 * replays and tests share every operator.
 */
public final class MomentsJob {

    private MomentsJob() {}

    public static void build(StreamExecutionEnvironment env, MomentsSettings s, JobInput input, JobOutput output) {
        DataStream<ParsedRecord> parsed = input.parsedRecords(env, s);

        SingleOutputStreamOperator<ShopperEvent> valid = parsed
                .process(new DeadLetterRouter()).uid("ingest-route").name("Validate: route dead letters");

        // Models turn text and media into signals here; the content itself goes no further. The operator
        // is chained to the source, so raw media never crosses the network or reaches keyed state.
        SingleOutputStreamOperator<ShopperEvent> onTime = valid
                .process(new LateEventFilter(s.session().allowedLateness())).uid("ingest-late").name("Validate: lateness");

        SingleOutputStreamOperator<ShopperEvent> signals = onTime
                .transform("Inference: text, face, voice", TypeInformation.of(ShopperEvent.class),
                        new BatchingInferenceOperator(scorers(s.inference()), s.inference().maxBatch(),
                                s.inference().maxWait().toMillis()))
                .uid("inference");

        DataStream<ControlRecord> control = valid.getSideOutput(DeadLetterRouter.CONTROL);
        Policies policies = policies(control, s.session().idle(), s.limits().deadLetterRawCap());
        Erasures erasures = erasures(s, control, signals);

        // One shuffle by session: dedupe, lateness, labels, patterns and decisions share one keyed state.
        SingleOutputStreamOperator<Decision> decisions = signals.map(SessionInput::of).name("As session input")
                .union(erasures.bySession())
                .keyBy(SessionInput::sessionId)
                .connect(policies.validated().broadcast())
                .transform("Session: dedupe, labels, friction, decisions", TypeInformation.of(Decision.class),
                        new SessionOperator(new SessionProcessor(new SessionLabeler(s.labels()),
                                InitialPolicy.json(s.policyFile(), s.session().idle()), s.session(),
                                s.insights())))
                .uid("session-decide");

        DataStream<LiftReport> lift = decisions.getSideOutput(SessionProcessor.OUTCOMES)
                .flatMap(LiftAggregator::slice).returns(LiftAggregator.Slice.class).name("Lift slices")
                .keyBy(LiftAggregator.Slice::key)
                .process(new LiftAggregator(s.liftReportInterval().toMillis())).uid("lift").name("Lift: treatment vs holdout");
        output.decisions(decisions);
        output.deadLetters(valid.getSideOutput(DeadLetterRouter.DEAD_LETTERS).union(
                onTime.getSideOutput(DeadLetterRouter.DEAD_LETTERS), signals.getSideOutput(DeadLetterRouter.DEAD_LETTERS),
                decisions.getSideOutput(DeadLetterRouter.DEAD_LETTERS),
                policies.deadLetters(), erasures.deadLetters()));
        output.audit(decisions.getSideOutput(SessionProcessor.AUDIT).map(JsonCodec::auditJson).name("Audit JSON")
                .union(policies.audit(), decisions.getSideOutput(SessionProcessor.ERASED)
                        .map(r -> JsonCodec.erasureJson(r, System.currentTimeMillis())).name("Erasure audit JSON")));
        output.liftReports(lift);
        output.insights(insights(decisions.getSideOutput(SessionProcessor.OBSERVATIONS), s));
        output.labelSamples(decisions.getSideOutput(SessionProcessor.LABEL_SAMPLES));
    }

    /**
     * Friction, decisions, labels and conversions per page and per step in tumbling event-time windows
     * (summed per page and window before the shuffle; late firings are updates, within the session's
     * allowed lateness), then at most {@code moments.insights.max-keys} rows per window and dimension.
     */
    public static DataStream<Insight> insights(DataStream<Observation> observations, MomentsSettings s) {
        long lateness = s.session().allowedLateness().toMillis();
        return observations
                .transform("Insights: sum per page before the shuffle", TypeInformation.of(InsightPartial.class),
                        new InsightPreAggregator(s.insights().window()))
                .uid("insights-pre-aggregate")
                .keyBy(InsightPartial::windowKey)
                .window(new InsightWindows(s.insights().window()))
                .allowedLateness(s.session().allowedLateness())
                .aggregate(new InsightAggregate(), new InsightWindowFunction())
                .uid("insights-window").name("Insights: page and step windows")
                .keyBy(i -> i.dimension + "@" + i.windowStart)
                .process(new InsightCap(s.insights().maxKeys(), lateness))
                .uid("insights-cap").name("Insights: pages per window");
    }

    /** Validated policy/v1 documents (broadcast to the session stage, into its broadcast state). */
    private record Policies(DataStream<String> validated, DataStream<DeadLetter> deadLetters,
                            DataStream<String> audit) {}

    private static List<Scorer> scorers(MomentsSettings.Inference inference) {
        List<Scorer> scorers = new ArrayList<>();
        if (inference.text()) {
            scorers.add(ModelScorer.text(inference.textCacheEntries()));
        }
        if (inference.face()) {
            scorers.add(ModelScorer.of(io.moments.models.Modality.FACE));
        }
        if (inference.voice()) {
            scorers.add(ModelScorer.of(io.moments.models.Modality.VOICE));
        }
        return scorers;
    }

    /** Policies are validated in order by one instance, then broadcast to every session instance. */
    private static Policies policies(DataStream<ControlRecord> control, java.time.Duration idle, int deadLetterRawCap) {
        SingleOutputStreamOperator<String> valid = control.filter(ControlRecord::isPolicy).name("Policies")
                .process(new PolicyValidator(idle, deadLetterRawCap)).setParallelism(1).uid("policy-validate").name("Policy: validate");
        return new Policies(valid,
                valid.getSideOutput(DeadLetterRouter.DEAD_LETTERS),
                valid.getSideOutput(PolicyValidator.POLICY_AUDIT).map(JsonCodec::policyAuditJson).name("Policy audit JSON"));
    }

    private record Erasures(DataStream<SessionInput> bySession, DataStream<DeadLetter> deadLetters) {}

    /** Requests by session go straight to the session; requests by user go through the user's session index. */
    private static Erasures erasures(MomentsSettings s, DataStream<ControlRecord> control,
                                     DataStream<ShopperEvent> events) {
        SingleOutputStreamOperator<ErasureRequest> requests = control.filter(ControlRecord::isErasure).name("Erasures")
                .process(new ErasureParser(s.limits().deadLetterRawCap())).uid("erasure-parse").name("Erasure: parse");
        DataStream<ErasureRequest> byUser = events
                .filter(e -> e.userId() != null).name("Events with a user id")
                .map(e -> new UserSessionIndex.Entry(e.userId(), e.sessionId(), null)).name("User-session link")
                .union(requests.filter(r -> r.userId() != null).name("Erasure by user")
                        .map(r -> new UserSessionIndex.Entry(r.userId(), null, r)).name("As index entry"))
                .keyBy(UserSessionIndex.Entry::userId)
                .process(new UserSessionIndex(s.session().stateTtl())).uid("erasure-user-index").name("Erasure: user index");
        DataStream<SessionInput> bySession = requests.filter(r -> r.sessionId() != null).name("Erasure by session")
                .union(byUser)
                .map(SessionInput::of).name("As session input");
        return new Erasures(bySession, requests.getSideOutput(DeadLetterRouter.DEAD_LETTERS));
    }
}
