package io.moments.ratings;

import io.moments.config.IngestLimits;
import io.moments.ingest.EventParser;
import io.moments.ingest.ParsedRecord;
import io.moments.ingest.ShopperEvent;
import io.moments.session.SeenEvents;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of a job input file ({@code interaction/v1}, {@code text/v1}, ... lines, as {@code replay
 * --input} takes them) per session, in file order, as the job's session stage gets them: parsed and
 * validated by the job's {@link EventParser} (what it refuses is counted, not kept) and without the
 * repeats of an event id that the session stage drops ({@link SeenEvents}, same window).
 */
public final class SessionEvents {

    /** One event the session stage applies, and the line of the input it came from (1-based). */
    public record Applied(ShopperEvent event, int line) {}

    private final String name;
    private final Map<String, List<Applied>> bySession;
    private final int lines;
    private final int refused;
    private final int repeats;
    private final int modelScored;

    private SessionEvents(String name, Map<String, List<Applied>> bySession, int lines, int refused, int repeats,
                          int modelScored) {
        this.name = name;
        this.bySession = bySession;
        this.lines = lines;
        this.refused = refused;
        this.repeats = repeats;
        this.modelScored = modelScored;
    }

    public static SessionEvents read(Path input, IngestLimits limits, Duration dedupeWindow) throws IOException {
        EventParser parser = new EventParser(limits);
        String name = input.getFileName().toString();
        Map<String, List<Applied>> bySession = new LinkedHashMap<>();
        Map<String, SeenEvents> seen = new HashMap<>();
        int lines = 0;
        int refused = 0;
        int repeats = 0;
        int modelScored = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                lines++;
                ParsedRecord r = parser.parse(text.getBytes(StandardCharsets.UTF_8), name, false,
                        System.currentTimeMillis());
                if (!r.isValid()) {
                    if (r.deadLetter() != null) {
                        refused++;
                    }
                    continue; // control records (policies, erasures) are no session events
                }
                ShopperEvent e = r.event();
                if (!seen.computeIfAbsent(e.sessionId(), k -> new SeenEvents())
                        .add(e.eventId(), e.ts(), dedupeWindow.toMillis())) {
                    repeats++;
                    continue;
                }
                if (e.text() != null || e.media() != null) {
                    modelScored++;
                }
                bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(new Applied(e, lines));
            }
        }
        bySession.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new SessionEvents(name, Collections.unmodifiableMap(bySession), lines, refused, repeats, modelScored);
    }

    /** The input file's name. */
    public String name() {
        return name;
    }

    /** The events of a session in the order the session stage applies them; empty for an unknown session. */
    public List<Applied> session(String sessionId) {
        return bySession.getOrDefault(sessionId, List.of());
    }

    public boolean has(String sessionId) {
        return bySession.containsKey(sessionId);
    }

    public int sessions() {
        return bySession.size();
    }

    public int lines() {
        return lines;
    }

    /** Lines the job would dead-letter (not JSON, invalid, ...). */
    public int refused() {
        return refused;
    }

    /** Repeated event ids the session stage would drop. */
    public int repeats() {
        return repeats;
    }

    /** Text and media events: in the job a model scores them; the fit's labeler does not (behaviour only). */
    public int modelScored() {
        return modelScored;
    }
}
