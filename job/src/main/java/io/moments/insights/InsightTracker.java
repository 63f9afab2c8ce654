package io.moments.insights;

import io.moments.ingest.InteractionType;
import io.moments.ingest.ShopperEvent;
import io.moments.labels.FunnelStage;
import io.moments.labels.LabelTrack;
import io.moments.models.LabelScores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one session contributes to the insight windows, without Flink: a visit when the session is
 * first seen on a page or step in a window, a moment where the session is when it happens, and, when
 * it converts, a conversion for each of its recent visits. The page is the path template of the
 * latest page view; the step is the checkout step while the session is in checkout, else its funnel
 * stage ({@code browse}, {@code consider}, {@code cart}).
 */
public final class InsightTracker {

    public static final String PAGE = "page";
    public static final String STEP = "step";
    static final int MAX_VISITS = 16;

    private final long windowMs;
    private final long retainMs;

    /**
     * @param windowMs the insight window size
     * @param retainMs how long visits are remembered for conversions: the windows' allowed lateness
     *                 (an older window no longer takes updates)
     */
    public InsightTracker(long windowMs, long retainMs) {
        this.windowMs = windowMs;
        this.retainMs = retainMs;
    }

    /**
     * After an event was applied to the session's labels: visits of a page or step new in the event's
     * window. A late event (older than the session's newest) counts where it happened, without moving
     * the session's current page and step.
     *
     * @param newest whether the event is the session's newest in event time
     */
    public List<Observation> onEvent(InsightMemory m, ShopperEvent e, LabelTrack track, String group, boolean newest) {
        if (e.interaction() == null) {
            return List.of();
        }
        String page = m.page;
        String kind = m.pageKind;
        if (e.interaction().page() != null) {
            page = PagePaths.template(e.interaction().page().url());
            kind = e.interaction().page().kind().wireName();
        }
        String step = step(m.step, e, track.stage);
        if (newest) {
            m.page = page;
            m.pageKind = kind;
            m.step = step;
        }
        List<Observation> out = new ArrayList<>(2);
        visit(m, PAGE, page, kind, e.ts(), track.values, group, out);
        visit(m, STEP, step, null, e.ts(), track.values, group, out);
        return out;
    }

    /** A moment (and its decision) where the session is now. */
    public List<Observation> onMoment(InsightMemory m, long ts, String[] triggers, String action, String group) {
        List<Observation> out = new ArrayList<>(2);
        for (String dimension : new String[]{PAGE, STEP}) {
            String key = dimension.equals(PAGE) ? m.page : m.step;
            if (key != null) {
                Observation o = base(dimension, key, dimension.equals(PAGE) ? m.pageKind : null, ts, Observation.MOMENT, group);
                o.triggers = triggers;
                o.action = action;
                out.add(o);
            }
        }
        return out;
    }

    /** The session converted: credit each remembered visit (once: the memory is cleared). */
    public List<Observation> onConversion(InsightMemory m, long ts, String group) {
        List<Observation> out = new ArrayList<>(m.visitKeys.length);
        for (int i = 0; i < m.visitKeys.length; i++) {
            if (m.visitTs[i] >= ts - retainMs) {
                int bar = m.visitKeys[i].indexOf('|');
                Observation o = base(m.visitKeys[i].substring(0, bar), m.visitKeys[i].substring(bar + 1), null, m.visitTs[i],
                        Observation.CONVERSION, group);
                o.bands = m.visitBands[i];
                out.add(o);
            }
        }
        m.visitKeys = new String[0];
        m.visitTs = new long[0];
        m.visitBands = new String[0];
        return out;
    }

    private void visit(InsightMemory m, String dimension, String key, String kind, long ts, LabelScores labels,
                       String group, List<Observation> out) {
        if (key == null) {
            return;
        }
        String visitKey = dimension + "|" + key;
        long window = Math.floorDiv(ts, windowMs);
        for (int i = 0; i < m.visitKeys.length; i++) {
            if (m.visitKeys[i].equals(visitKey) && Math.floorDiv(m.visitTs[i], windowMs) == window) {
                return; // already counted there in this window
            }
        }
        String bands = LabelBands.encode(labels); // only for a visit: most events add none
        remember(m, visitKey, ts, bands);
        Observation o = base(dimension, key, kind, ts, Observation.VISIT, group);
        o.labels = labels;
        o.bands = bands;
        out.add(o);
    }

    /** Appends a visit, keeping those within the retention of the newest and at most {@link #MAX_VISITS}. */
    private void remember(InsightMemory m, String key, long ts, String bands) {
        long newest = ts;
        for (long t : m.visitTs) {
            newest = Math.max(newest, t);
        }
        int n = m.visitKeys.length;
        String[] keys = Arrays.copyOf(m.visitKeys, n + 1);
        long[] times = Arrays.copyOf(m.visitTs, n + 1);
        String[] bandsOf = Arrays.copyOf(m.visitBands, n + 1);
        keys[n] = key;
        times[n] = ts;
        bandsOf[n] = bands;
        int from = Math.max(0, keys.length - MAX_VISITS);
        List<Integer> kept = new ArrayList<>();
        for (int i = from; i < keys.length; i++) {
            if (times[i] >= newest - retainMs) {
                kept.add(i);
            }
        }
        m.visitKeys = kept.stream().map(i -> keys[i]).toArray(String[]::new);
        m.visitTs = kept.stream().mapToLong(i -> times[i]).toArray();
        m.visitBands = kept.stream().map(i -> bandsOf[i]).toArray(String[]::new);
    }

    private static Observation base(String dimension, String key, String kind, long ts, String what, String group) {
        Observation o = new Observation();
        o.dimension = dimension;
        o.key = key;
        o.pageKind = kind;
        o.ts = ts;
        o.kind = what;
        o.group = group;
        return o;
    }

    /** The checkout step while in checkout (the last one named), else the funnel stage. */
    static String step(String previous, ShopperEvent e, FunnelStage stage) {
        if (e.is(InteractionType.CHECKOUT_STEP) && e.interaction().step() != null) {
            return "checkout:" + e.interaction().step().toLowerCase(Locale.ROOT);
        }
        if (stage == FunnelStage.CHECKOUT && previous != null && previous.startsWith("checkout:")) {
            return previous;
        }
        return stage.name().toLowerCase(Locale.ROOT);
    }

}
