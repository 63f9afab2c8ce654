package io.moments.models.text;

import java.util.Locale;

/** Confusion matrix and the usual figures over the {@link TextClasses}. */
final class Evaluation {

    private final int[][] confusion = new int[TextClasses.COUNT][TextClasses.COUNT]; // [gold][predicted]
    private int total;

    void add(int gold, int predicted) {
        confusion[gold][predicted]++;
        total++;
    }

    int total() {
        return total;
    }

    int count(int gold, int predicted) {
        return confusion[gold][predicted];
    }

    int correct() {
        int c = 0;
        for (int i = 0; i < TextClasses.COUNT; i++) {
            c += confusion[i][i];
        }
        return c;
    }

    double accuracy() {
        return total == 0 ? 0 : (double) correct() / total;
    }

    int support(int c) {
        int s = 0;
        for (int p = 0; p < TextClasses.COUNT; p++) {
            s += confusion[c][p];
        }
        return s;
    }

    private int predicted(int c) {
        int s = 0;
        for (int g = 0; g < TextClasses.COUNT; g++) {
            s += confusion[g][c];
        }
        return s;
    }

    double precision(int c) {
        int p = predicted(c);
        return p == 0 ? 0 : (double) confusion[c][c] / p;
    }

    double recall(int c) {
        int s = support(c);
        return s == 0 ? 0 : (double) confusion[c][c] / s;
    }

    double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    double macroF1() {
        double sum = 0;
        for (int c = 0; c < TextClasses.COUNT; c++) {
            sum += f1(c);
        }
        return sum / TextClasses.COUNT;
    }

    /** Markdown table: class, precision, recall, F1, support. */
    String perClassMarkdown() {
        StringBuilder sb = new StringBuilder("| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for (int c = 0; c < TextClasses.COUNT; c++) {
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n",
                    TextClasses.name(c), precision(c), recall(c), f1(c), support(c)));
        }
        sb.append(String.format(Locale.ROOT, "| **macro avg** | | | %.3f | %d |%n", macroF1(), total));
        return sb.toString();
    }

    /** Markdown confusion matrix (rows: true class, columns: predicted class). */
    String confusionMarkdown() {
        StringBuilder sb = new StringBuilder("| true \\ predicted |");
        for (String name : TextClasses.names()) {
            sb.append(' ').append(name).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(TextClasses.COUNT)).append('\n');
        for (int g = 0; g < TextClasses.COUNT; g++) {
            sb.append("| ").append(TextClasses.name(g)).append(" |");
            for (int p = 0; p < TextClasses.COUNT; p++) {
                sb.append(' ').append(g == p ? "**" + confusion[g][p] + "**" : confusion[g][p]).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
