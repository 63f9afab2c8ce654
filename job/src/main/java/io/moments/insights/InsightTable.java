package io.moments.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The top friction steps and pages of the latest insight windows, from insight/v1 rows (a topic or a
 * file): a later row of a window replaces the earlier one (late updates), the latest {@code windows}
 * windows are summed per step and page, ranked by friction moments, then by moments per session.
 * Thread-safe, for the live view.
 */
public final class InsightTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One step or page over the windows shown. */
    public record Row(String dimension, String key, long sessions, long moments, Map<String, Long> byPattern,
                      long conversions) {
        public double frictionRate() {
            return sessions == 0 ? 0 : (double) moments / sessions;
        }

        public double conversionRate() {
            return sessions == 0 ? 0 : (double) conversions / sessions;
        }
    }

    /** Latest row per window, dimension and key. */
    private final Map<String, JsonNode> rows = new TreeMap<>();

    public synchronized void add(String insightJson) {
        try {
            JsonNode n = JSON.readTree(insightJson);
            rows.put(n.path("window").path("start").asText() + "|" + n.path("dimension").asText() + "|"
                    + n.path("key").asText(), n);
        } catch (IOException e) {
            throw new UncheckedIOException("not an insight/v1 row: " + insightJson, e);
        }
    }

    /** The window starts present, oldest first. */
    public synchronized List<String> windows() {
        TreeSet<String> starts = new TreeSet<>();
        rows.values().forEach(n -> starts.add(n.path("window").path("start").asText()));
        return new ArrayList<>(starts);
    }

    /** The top {@code limit} rows of a dimension over the latest {@code windows} windows. */
    public synchronized List<Row> top(String dimension, int windows, int limit) {
        List<String> all = windows();
        TreeSet<String> shown = new TreeSet<>(all.subList(Math.max(0, all.size() - windows), all.size()));
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Map<String, Long>> patterns = new TreeMap<>();
        for (JsonNode n : rows.values()) {
            if (!n.path("dimension").asText().equals(dimension) || !shown.contains(n.path("window").path("start").asText())) {
                continue;
            }
            String key = n.path("key").asText();
            long[] s = sums.computeIfAbsent(key, k -> new long[3]);
            s[0] += n.path("sessions").asLong();
            s[2] += n.path("conversions").asLong();
            Map<String, Long> byPattern = patterns.computeIfAbsent(key, k -> new TreeMap<>());
            n.path("moments").fields().forEachRemaining(m -> {
                s[1] += m.getValue().asLong();
                byPattern.merge(m.getKey(), m.getValue().asLong(), Long::sum);
            });
        }
        List<Row> out = new ArrayList<>();
        sums.forEach((key, s) -> out.add(new Row(dimension, key, s[0], s[1], patterns.get(key), s[2])));
        out.sort(Comparator.comparingLong(Row::moments).reversed().thenComparing(Comparator.comparingDouble(Row::frictionRate).reversed())
                .thenComparing(Row::key));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** The table {@code ./moments insights} prints. */
    public synchronized void print(int windows, int limit, PrintStream out) {
        List<String> all = windows();
        if (all.isEmpty()) {
            out.println("no insight rows yet");
            return;
        }
        List<String> shown = all.subList(Math.max(0, all.size() - windows), all.size());
        out.printf("insights over %d window(s) from %s (event time); friction = moments per session%n", shown.size(),
                shown.get(0));
        for (String dimension : new String[]{InsightTracker.STEP, InsightTracker.PAGE}) {
            out.printf("%ntop friction %ss%n", dimension);
            out.printf("%-40s %9s %8s %9s %12s %8s  %s%n", dimension, "sessions", "moments", "friction", "conversions",
                    "rate", "moments by pattern");
            for (Row r : top(dimension, windows, limit)) {
                StringBuilder by = new StringBuilder();
                r.byPattern().forEach((p, c) -> by.append(by.isEmpty() ? "" : " ").append(p).append('=').append(c));
                out.printf(Locale.ROOT, "%-40s %9d %8d %9.2f %12d %7.1f%%  %s%n", clip(r.key()), r.sessions(), r.moments(),
                        r.frictionRate(), r.conversions(), 100 * r.conversionRate(), by);
            }
        }
    }

    /**
     * The live view's {@code /api/insights}: top steps and pages of the latest windows, a heatmap of
     * the top steps' moments per session by window, and decisions by action.
     */
    public synchronized String json(int windows, int limit) {
        ObjectNode root = JSON.createObjectNode();
        List<String> all = windows();
        List<String> shown = all.subList(Math.max(0, all.size() - windows), all.size());
        root.put("windows", shown.size());
        root.put("from", shown.isEmpty() ? null : shown.get(0));
        ObjectNode heatmap = root.putObject("heatmap");
        ArrayNode columns = heatmap.putArray("windows");
        shown.forEach(columns::add);
        ArrayNode heatRows = heatmap.putArray("steps");
        for (Row r : top(InsightTracker.STEP, windows, limit)) {
            ObjectNode row = heatRows.addObject();
            row.put("key", r.key());
            ArrayNode cells = row.putArray("frictionRate");
            for (String w : shown) {
                JsonNode n = rows.get(w + "|" + InsightTracker.STEP + "|" + r.key());
                long sessions = n == null ? 0 : n.path("sessions").asLong();
                long[] moments = {0};
                if (n != null) {
                    n.path("moments").forEach(m -> moments[0] += m.asLong());
                }
                cells.add(sessions == 0 ? 0 : (double) moments[0] / sessions);
            }
        }
        Map<String, Long> actions = new TreeMap<>();
        for (JsonNode n : rows.values()) {
            if (n.path("dimension").asText().equals(InsightTracker.STEP) && shown.contains(n.path("window").path("start").asText())) {
                n.path("decisions").fields().forEachRemaining(a -> actions.merge(a.getKey(), a.getValue().asLong(), Long::sum));
            }
        }
        ObjectNode byAction = root.putObject("decisionsByAction");
        actions.forEach(byAction::put);
        for (String dimension : new String[]{InsightTracker.STEP, InsightTracker.PAGE}) {
            ArrayNode list = root.putArray(dimension + "s");
            for (Row r : top(dimension, windows, limit)) {
                ObjectNode o = list.addObject();
                o.put("key", r.key()).put("sessions", r.sessions()).put("moments", r.moments())
                        .put("frictionRate", r.frictionRate()).put("conversions", r.conversions())
                        .put("conversionRate", r.conversionRate());
                ObjectNode by = o.putObject("byPattern");
                r.byPattern().forEach(by::put);
            }
        }
        return root.toString();
    }

    private static String clip(String key) {
        return key.length() <= 40 ? key : key.substring(0, 39) + "…";
    }
}
