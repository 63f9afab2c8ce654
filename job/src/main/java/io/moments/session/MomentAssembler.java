package io.moments.session;

import io.moments.decide.Trigger;
import io.moments.friction.FrictionMoment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups what one event brought into moments: everything of one event time is one moment (so a
 * label crossing and the friction pattern it completes make one decision), friction first, each
 * pattern once; moments in event-time order (a pause due before the event comes first).
 */
public final class MomentAssembler {

    private MomentAssembler() {}

    public static List<SessionMoment> assemble(List<FrictionMoment> friction, long eventTs, List<Trigger> crossings) {
        if (friction.isEmpty() && crossings.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Trigger>> byTs = new TreeMap<>();
        for (FrictionMoment m : friction) {
            List<Trigger> at = byTs.computeIfAbsent(m.ts(), ts -> new ArrayList<>(2));
            if (at.stream().noneMatch(t -> t.name().equals(m.pattern()))) {
                at.add(Trigger.friction(m));
            }
        }
        if (!crossings.isEmpty()) {
            byTs.computeIfAbsent(eventTs, ts -> new ArrayList<>(2)).addAll(crossings);
        }
        List<SessionMoment> moments = new ArrayList<>(byTs.size());
        byTs.forEach((ts, triggers) -> moments.add(new SessionMoment(ts, List.copyOf(triggers))));
        return moments;
    }
}
