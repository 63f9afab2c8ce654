package io.moments.ratings;

import io.moments.config.LabelSettings;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.LabelRules;
import io.moments.labels.LabelTrack;
import io.moments.labels.SessionLabeler;
import io.moments.models.LabelScores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's own {@link SessionLabeler} over the rated sessions, without Flink: each session's events in
 * the order the session stage applies them, and the fused labels right after each rated event. Fast
 * enough to run thousands of times, which the fit does. It applies no model signals (text and media
 * events count as behaviour only, as before inference) and keeps a session's track for the whole
 * file (no idle expiry), so for sessions of interactions shorter than the idle timeout it gives what
 * the job gives; {@code labels check} reports how far the two are apart on its input.
 */
public final class LabelerRun {

    private record Session(ShopperEvent[] events, int[] ratedIndex, int[] momentOf) {}

    private final List<Session> sessions = new ArrayList<>();
    private final int moments;

    public LabelerRun(SessionEvents events, List<RatedMoment> rated) {
        this.moments = rated.size();
        Map<String, List<Integer>> bySession = new LinkedHashMap<>();
        for (int m = 0; m < rated.size(); m++) {
            bySession.computeIfAbsent(rated.get(m).sessionId(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Integer>> s : bySession.entrySet()) {
            List<Integer> ms = new ArrayList<>(s.getValue());
            ms.sort((a, b) -> Integer.compare(rated.get(a).index(), rated.get(b).index()));
            int last = rated.get(ms.get(ms.size() - 1)).index();
            List<SessionEvents.Applied> applied = events.session(s.getKey());
            ShopperEvent[] es = new ShopperEvent[last + 1];
            for (int i = 0; i <= last; i++) {
                es[i] = applied.get(i).event();
            }
            int[] index = new int[ms.size()];
            int[] momentOf = new int[ms.size()];
            for (int k = 0; k < ms.size(); k++) {
                index[k] = rated.get(ms.get(k)).index();
                momentOf[k] = ms.get(k);
            }
            sessions.add(new Session(es, index, momentOf));
        }
    }

    /** The fused labels right after each rated event, in the order of the moments given. */
    public LabelScores[] labels(LabelSettings settings, LabelRules rules) {
        SessionLabeler labeler = new SessionLabeler(settings);
        LabelScores[] out = new LabelScores[moments];
        for (Session s : sessions) {
            LabelTrack track = new LabelTrack();
            int k = 0;
            for (int i = 0; i < s.events.length; i++) {
                labeler.apply(track, s.events[i], rules);
                while (k < s.ratedIndex.length && s.ratedIndex[k] == i) {
                    out[s.momentOf[k++]] = track.values;
                }
            }
        }
        return out;
    }
}
