package io.moments.models.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.moments.models.Label;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionLabelMapTest {

    private static float[] oneHot(Expression e) {
        float[] p = new float[Expression.count()];
        p[e.ordinal()] = 1f;
        return p;
    }

    @Test
    void everyRowIsAtMostOneAndEveryWeightAtMostOne() {
        for (Expression e : Expression.values()) {
            Map<Label, Double> row = ExpressionLabelMap.weights(e);
            assertThat(row.values()).allSatisfy(w -> assertThat(w).isBetween(0.0, 1.0));
            assertThat(row.values().stream().mapToDouble(Double::doubleValue).sum()).isLessThanOrEqualTo(1.0);
            assertThat(row).doesNotContainKey(Label.PRICE_SENSITIVITY);
        }
        assertThat(ExpressionLabelMap.weights(Expression.NEUTRAL)).isEmpty();
    }

    @Test
    void documentedLinks() {
        assertThat(ExpressionLabelMap.labels(oneHot(Expression.HAPPY)).get(Label.DELIGHT)).isEqualTo(0.8, within(1e-9));
        assertThat(ExpressionLabelMap.labels(oneHot(Expression.ANGRY)).get(Label.FRUSTRATION)).isEqualTo(0.7, within(1e-9));
        assertThat(ExpressionLabelMap.labels(oneHot(Expression.SURPRISED)).get(Label.CONFUSION)).isEqualTo(0.5, within(1e-9));
        Map<Label, Double> fearful = ExpressionLabelMap.labels(oneHot(Expression.FEARFUL));
        assertThat(fearful.get(Label.TRUST_CONCERN)).isEqualTo(0.4, within(1e-9));
        assertThat(fearful.get(Label.HESITATION)).isEqualTo(0.3, within(1e-9));
        Map<Label, Double> neutral = ExpressionLabelMap.labels(oneHot(Expression.NEUTRAL));
        assertThat(neutral).containsOnlyKeys(ExpressionLabelMap.LABELS);
        assertThat(neutral.values()).containsOnly(0.0);
    }

    @Test
    void labelsAreAProbabilityWeightedSum() {
        float[] p = new float[Expression.count()];
        p[Expression.HAPPY.ordinal()] = 0.5f;
        p[Expression.SURPRISED.ordinal()] = 0.5f;
        Map<Label, Double> l = ExpressionLabelMap.labels(p);
        assertThat(l.get(Label.DELIGHT)).isEqualTo(0.5 * 0.8 + 0.5 * 0.1, within(1e-6));
        assertThat(l.get(Label.CONFUSION)).isEqualTo(0.25, within(1e-6));
    }

    @Test
    void confidenceFallsWithUncertaintyLowScoreAndSmallFaces() {
        float[] sure = oneHot(Expression.HAPPY);
        float[] uniform = new float[Expression.count()];
        java.util.Arrays.fill(uniform, 1f / Expression.count());
        assertThat(ExpressionLabelMap.confidence(0.9, sure, 200, 200)).isEqualTo(0.9, within(1e-9));
        assertThat(ExpressionLabelMap.confidence(0.9, uniform, 200, 200)).isEqualTo(0.0, within(1e-6));
        assertThat(ExpressionLabelMap.confidence(0.9, sure, 32, 200)).isEqualTo(0.45, within(1e-9));
    }
}
