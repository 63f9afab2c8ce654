package io.moments.decide;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers in explanations, as {@code String.format(Locale.ROOT, "%.2f")} and {@code "%+.2f"} write
 * them (half-up), without the formatter: it built a {@code DecimalFormatSymbols} per number and was
 * a tenth of the session operator's time in the clickstream benchmark.
 */
final class Decimals {

    private Decimals() {}

    /** {@code 0.62}. */
    static String two(double v) {
        return append(new StringBuilder(8), v, false).toString();
    }

    /** {@code +0.15}, {@code -0.03}. */
    static String signedTwo(double v) {
        return append(new StringBuilder(8), v, true).toString();
    }

    private static StringBuilder append(StringBuilder sb, double v, boolean plus) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return sb.append(plus && v > 0 ? "+" : "").append(v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN");
        }
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
        } else if (plus) {
            sb.append('+');
        }
        // The formatter rounds the shortest decimal that names the double (Double.toString), as BigDecimal.valueOf does.
        return sb.append(BigDecimal.valueOf(Math.abs(v)).setScale(2, RoundingMode.HALF_UP).toPlainString());
    }
}
