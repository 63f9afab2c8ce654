package io.moments.ratings;

import io.moments.models.Label;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rated moment: the event of a session the ratings name, found in the session input, with the
 * ratings of every rater averaged per label.
 *
 * @param index position of the event among its session's applied events ({@link SessionEvents#session})
 * @param truth the mean rating per rated label
 * @param raters how many rating lines it has
 * @param line the ratings line that first named it
 */
public record RatedMoment(String sessionId, String eventId, long ts, int index, Map<Label, Double> truth, int raters,
                          int line) {

    /**
     * The moments the ratings name, in the order they first appear; every rating whose session or event is
     * not among the input's valid events is a problem (with its line number).
     */
    public static List<RatedMoment> join(List<Rating> ratings, SessionEvents events, String ratingsName)
            throws InvalidInputException {
        Map<String, List<Rating>> byMoment = new LinkedHashMap<>();
        for (Rating r : ratings) {
            byMoment.computeIfAbsent(r.sessionId() + "\u0000" + r.eventId(), k -> new ArrayList<>()).add(r);
        }
        List<String> problems = new ArrayList<>();
        List<RatedMoment> moments = new ArrayList<>();
        for (List<Rating> group : byMoment.values()) {
            Rating first = group.get(0);
            String where = ratingsName + " line " + first.line() + ": ";
            if (!events.has(first.sessionId())) {
                problems.add(where + "session " + first.sessionId() + " has no valid event in " + events.name());
                continue;
            }
            List<SessionEvents.Applied> session = events.session(first.sessionId());
            int index = -1;
            for (int i = 0; i < session.size(); i++) {
                if (session.get(i).event().eventId().equals(first.eventId())) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                problems.add(where + "session " + first.sessionId() + " has no valid event " + first.eventId() + " in "
                        + events.name());
                continue;
            }
            moments.add(new RatedMoment(first.sessionId(), first.eventId(), session.get(index).event().ts(), index,
                    mean(group), group.size(), first.line()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return moments;
    }

    private static Map<Label, Double> mean(List<Rating> group) {
        Map<Label, Double> sum = new EnumMap<>(Label.class);
        Map<Label, Integer> count = new EnumMap<>(Label.class);
        for (Rating r : group) {
            r.labels().forEach((label, v) -> {
                sum.merge(label, v, Double::sum);
                count.merge(label, 1, Integer::sum);
            });
        }
        Map<Label, Double> mean = new EnumMap<>(Label.class);
        sum.forEach((label, s) -> mean.put(label, s / count.get(label)));
        return Collections.unmodifiableMap(mean);
    }
}
