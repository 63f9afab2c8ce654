package io.moments.insights;

import io.moments.models.Label;

/**
 * One page's or step's figures in one window, as Flink keeps them (a POJO of arrays: no maps, no
 * Kryo): visits, moments by trigger, decisions by action and group, conversions, a histogram per
 * label (20 bins of 0.05, for means and p90s) and sessions and conversions per label band and group.
 * Per-label arrays follow {@link LabelBands#ORDER} (a frozen order, not the enum's); groups are
 * treatment then holdout. Mergeable, so windows and the cardinality cap's {@code other} row are sums.
 */
public class InsightAccumulator {
    static final int BINS = 20;
    static final String[] GROUPS = {"treatment", "holdout"};

    public String pageKind;
    public long sessions;
    public long conversions;
    /** Moments by trigger. */
    public NamedCounts triggers = new NamedCounts();
    /** Decisions by action: the intervention, or none. */
    public NamedCounts actions = new NamedCounts();
    public long treatmentDecisions;
    public long holdoutDecisions;
    /** Per label, BINS counts: label index * BINS + bin. */
    public long[] histogram = new long[LabelBands.ORDER.size() * BINS];
    public double[] labelSums = new double[LabelBands.ORDER.size()];
    /** Per label, band and group: (label * 3 + band) * 2 + group. */
    public long[] bandSessions = new long[LabelBands.ORDER.size() * 6];
    public long[] bandConversions = new long[LabelBands.ORDER.size() * 6];

    public InsightAccumulator() {}

    public void add(Observation o) {
        if (pageKind == null) {
            pageKind = o.pageKind;
        }
        int group = o.group != null && o.group.equals(GROUPS[1]) ? 1 : 0;
        switch (o.kind) {
            case Observation.VISIT -> {
                sessions++;
                for (Label label : Label.values()) {
                    double v = o.labels.get(label);
                    int l = LabelBands.index(label);
                    labelSums[l] += v;
                    histogram[l * BINS + Math.min(BINS - 1, (int) (v * BINS))]++;
                }
                countBands(bandSessions, o.bands, group);
            }
            case Observation.CONVERSION -> {
                conversions++;
                countBands(bandConversions, o.bands, group);
            }
            case Observation.MOMENT -> {
                for (String t : o.triggers) {
                    triggers.add(t, 1);
                }
                actions.add(o.action, 1);
                if (group == 0) {
                    treatmentDecisions++;
                } else {
                    holdoutDecisions++;
                }
            }
            default -> throw new IllegalArgumentException("unknown observation kind " + o.kind);
        }
    }

    /** Adds another accumulator's figures into this one (in place). */
    public InsightAccumulator addAll(InsightAccumulator other) {
        if (pageKind == null) {
            pageKind = other.pageKind;
        }
        sessions += other.sessions;
        conversions += other.conversions;
        triggers.addAll(other.triggers);
        actions.addAll(other.actions);
        treatmentDecisions += other.treatmentDecisions;
        holdoutDecisions += other.holdoutDecisions;
        for (int i = 0; i < histogram.length; i++) {
            histogram[i] += other.histogram[i];
        }
        for (int i = 0; i < labelSums.length; i++) {
            labelSums[i] += other.labelSums[i];
        }
        for (int i = 0; i < bandSessions.length; i++) {
            bandSessions[i] += other.bandSessions[i];
            bandConversions[i] += other.bandConversions[i];
        }
        return this;
    }

    /** A new accumulator with both's figures; neither changes. */
    public InsightAccumulator merge(InsightAccumulator other) {
        return copy().addAll(other);
    }

    public long moments() {
        return triggers.total();
    }

    public double conversionRate() {
        return sessions == 0 ? 0 : (double) conversions / sessions;
    }

    public double mean(Label label) {
        return sessions == 0 ? 0 : labelSums[LabelBands.index(label)] / sessions;
    }

    /** The 90th percentile, to the upper edge of its 0.05 bin. */
    public double p90(Label label) {
        int l = LabelBands.index(label);
        long total = 0;
        for (int b = 0; b < BINS; b++) {
            total += histogram[l * BINS + b];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(0.9 * total);
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += histogram[l * BINS + b];
            if (seen >= rank) {
                return (b + 1) / (double) BINS;
            }
        }
        return 1;
    }

    public long bandSessions(Label label, int band, int group) {
        return bandSessions[(LabelBands.index(label) * 3 + band) * 2 + group];
    }

    public long bandConversions(Label label, int band, int group) {
        return bandConversions[(LabelBands.index(label) * 3 + band) * 2 + group];
    }

    private void countBands(long[] counts, String bands, int group) {
        for (int l = 0; l < LabelBands.ORDER.size(); l++) {
            int band = LabelBands.band(bands, l);
            if (band >= 0) {
                counts[(l * 3 + band) * 2 + group]++;
            }
        }
    }

    private InsightAccumulator copy() {
        InsightAccumulator c = new InsightAccumulator();
        c.pageKind = pageKind;
        c.sessions = sessions;
        c.conversions = conversions;
        c.triggers = triggers.copy();
        c.actions = actions.copy();
        c.treatmentDecisions = treatmentDecisions;
        c.holdoutDecisions = holdoutDecisions;
        c.histogram = histogram.clone();
        c.labelSums = labelSums.clone();
        c.bandSessions = bandSessions.clone();
        c.bandConversions = bandConversions.clone();
        return c;
    }
}
