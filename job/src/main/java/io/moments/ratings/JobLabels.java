package io.moments.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moments.labels.LabelSample;
import io.moments.models.Label;
import io.moments.models.LabelScores;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels the job emitted at the rated moments: its {@code label/v1} samples (a replay with
 * {@code --labels} and {@code moments.labels.sample-interval} at 1 ms, so every event that moves a
 * session's event time forward is sampled right after it is applied), joined by session and event time.
 * That join is exact only when the rated event is the only event of its session at its time and not
 * behind an earlier event of the session (a sample is written for the newest event of an instant,
 * and only for the first at that instant): ratings of other events are refused.
 */
public final class JobLabels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobLabels() {}

    /** The samples of a file, by session and event time (epoch ms). */
    public static Map<String, Map<Long, LabelScores>> read(Path samples) throws IOException {
        Map<String, Map<Long, LabelScores>> out = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(samples, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                if (!LabelSample.SCHEMA.equals(n.path("schema").asText())) {
                    continue;
                }
                LabelScores s = LabelScores.ZERO;
                for (Label label : Label.values()) {
                    s = s.with(label, n.path("labels").path(label.wireName()).asDouble());
                }
                out.computeIfAbsent(n.get("sessionId").asText(), k -> new HashMap<>())
                        .put(Instant.parse(n.get("ts").asText()).toEpochMilli(), s);
            }
        }
        return out;
    }

    /**
     * The job's labels at each moment.
     *
     * @throws InvalidInputException naming every rating whose moment is ambiguous or was not sampled
     */
    public static LabelScores[] at(List<RatedMoment> moments, SessionEvents events,
                                   Map<String, Map<Long, LabelScores>> samples, String ratingsName)
            throws InvalidInputException {
        List<String> problems = new ArrayList<>();
        LabelScores[] out = new LabelScores[moments.size()];
        for (int m = 0; m < moments.size(); m++) {
            RatedMoment r = moments.get(m);
            String where = ratingsName + " line " + r.line() + ": event " + r.eventId() + " of session "
                    + r.sessionId() + " ";
            List<SessionEvents.Applied> session = events.session(r.sessionId());
            String ambiguity = null;
            for (int i = 0; i < session.size() && ambiguity == null; i++) {
                SessionEvents.Applied other = session.get(i);
                if (i == r.index()) {
                    continue;
                }
                if (other.event().ts() == r.ts()) {
                    ambiguity = "shares its time with event " + other.event().eventId() + " (line " + other.line()
                            + " of " + events.name() + ")";
                } else if (i < r.index() && other.event().ts() > r.ts()) {
                    ambiguity = "is behind event " + other.event().eventId() + " that came before it (line "
                            + other.line() + " of " + events.name() + ")";
                }
            }
            if (ambiguity != null) {
                problems.add(where + ambiguity + ": the job's label samples are keyed by session and time, so the "
                        + "labels after this event cannot be told apart; rate an event that is alone at its time");
                continue;
            }
            LabelScores s = samples.getOrDefault(r.sessionId(), Map.of()).get(r.ts());
            if (s == null) {
                problems.add(where + "has no label sample from the job (was it dropped as late?)");
                continue;
            }
            out[m] = s;
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }
}
