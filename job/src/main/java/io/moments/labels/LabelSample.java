package io.moments.labels;

import io.moments.models.LabelScores;

/**
 * A session's continuous labels at one instant ({@code label/v1}, topic {@code labels}): sampled at
 * most once per {@code moments.labels.sample-interval} of the session's event time, so a consumer
 * (the demo's live page, a CMS, an analyst) can follow the trajectory between decisions. Internal:
 * labels never go to an ad server (decisions carry {@code targeting} for that).
 */
public record LabelSample(String sessionId, long ts, LabelScores labels, LabelScores confidence, FunnelStage stage,
                          Moment moment) {

    public static final String SCHEMA = "label/v1";
}
