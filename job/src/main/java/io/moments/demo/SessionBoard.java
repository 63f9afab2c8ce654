package io.moments.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently active sessions with their label samples (label/v1: the trajectory between
 * decisions) and their decisions (each with the labels, momentum and triggers of its moment), for
 * the live view. Bounded: the newest {@code maxSessions} sessions, {@code maxPoints} decisions and
 * four times as many samples per session. Thread-safe.
 */
public final class SessionBoard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxSessions;
    private final int maxPoints;
    private final LinkedHashMap<String, Deque<JsonNode>> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Deque<JsonNode>> samples = new java.util.HashMap<>();

    public SessionBoard(int maxSessions, int maxPoints) {
        this.maxSessions = maxSessions;
        this.maxPoints = maxPoints;
    }

    /** Adds one decision/v1 record. */
    public synchronized void add(JsonNode decision) {
        append(sessions.computeIfAbsent(decision.path("sessionId").asText(), k -> new ArrayDeque<>()), decision, maxPoints);
        evict();
    }

    /** Adds one label/v1 sample. */
    public synchronized void addSample(JsonNode sample) {
        String id = sample.path("sessionId").asText();
        sessions.computeIfAbsent(id, k -> new ArrayDeque<>()); // marks the session as the most recently active
        append(samples.computeIfAbsent(id, k -> new ArrayDeque<>()), sample, 4 * maxPoints);
        evict();
    }

    private static void append(Deque<JsonNode> points, JsonNode point, int max) {
        points.addLast(point);
        while (points.size() > max) {
            points.removeFirst();
        }
    }

    private void evict() {
        while (sessions.size() > maxSessions) {
            Iterator<Map.Entry<String, Deque<JsonNode>>> eldest = sessions.entrySet().iterator();
            samples.remove(eldest.next().getKey());
            eldest.remove();
        }
    }

    /** {@code {"sessions":[{"sessionId":..,"samples":[...],"decisions":[...]}]}}, most recently updated first. */
    public synchronized String json() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("sessions");
        Object[] ids = sessions.keySet().toArray();
        for (int i = ids.length - 1; i >= 0; i--) {
            ObjectNode s = list.addObject();
            s.put("sessionId", (String) ids[i]);
            ArrayNode points = s.putArray("samples");
            samples.getOrDefault((String) ids[i], new ArrayDeque<>()).forEach(points::add);
            ArrayNode decisions = s.putArray("decisions");
            sessions.get((String) ids[i]).forEach(decisions::add);
        }
        return root.toString();
    }
}
