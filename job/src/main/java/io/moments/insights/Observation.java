package io.moments.insights;

import io.moments.models.LabelScores;

/**
 * What the session stage tells the insight windows (a Flink POJO; no session or user id, no text):
 * a session seen on a page or step ({@link #VISIT}, once per session, key and window), a moment there
 * with its decision ({@link #MOMENT}), or the conversion of a session that was there
 * ({@link #CONVERSION}, stamped with the visit's time so it lands in the visit's window, as a late
 * update if that window has already fired).
 */
public class Observation {
    public static final String VISIT = "visit";
    public static final String MOMENT = "moment";
    public static final String CONVERSION = "conversion";

    /** {@code page} or {@code step}. */
    public String dimension;
    /** The page's path template ({@link PagePaths}) or the step. */
    public String key;
    /** The page kind (pages only). */
    public String pageKind;
    /** Event time it belongs to, epoch ms. */
    public long ts;
    public String kind;
    /** treatment or holdout. */
    public String group;
    /** Labels at the visit (VISIT only). */
    public LabelScores labels;
    /** Band per label at the visit, in {@link LabelBands}' encoding (VISIT and CONVERSION). */
    public String bands;
    /** The moment's triggers (MOMENT only). */
    public String[] triggers;
    /** The decision's action: the intervention, or {@code none} (MOMENT only). */
    public String action;

    public Observation() {}
}
