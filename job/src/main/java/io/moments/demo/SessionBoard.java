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
 * The most recently active sessions and their decisions (each with the labels, momentum and
 * triggers of its moment), for the live view. Bounded: the newest {@code maxSessions} sessions and
 * {@code maxPoints} decisions per session. Thread-safe.
 */
public final class SessionBoard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxSessions;
    private final int maxPoints;
    private final LinkedHashMap<String, Deque<JsonNode>> sessions = new LinkedHashMap<>(16, 0.75f, true);

    public SessionBoard(int maxSessions, int maxPoints) {
        this.maxSessions = maxSessions;
        this.maxPoints = maxPoints;
    }

    /** Adds one decision/v1 record. */
    public synchronized void add(JsonNode decision) {
        Deque<JsonNode> points = sessions.computeIfAbsent(decision.path("sessionId").asText(), k -> new ArrayDeque<>());
        points.addLast(decision);
        while (points.size() > maxPoints) {
            points.removeFirst();
        }
        while (sessions.size() > maxSessions) {
            Iterator<Map.Entry<String, Deque<JsonNode>>> eldest = sessions.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** {@code {"sessions":[{"sessionId":..,"decisions":[...]}]}}, most recently updated first. */
    public synchronized String json() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("sessions");
        Object[] ids = sessions.keySet().toArray();
        for (int i = ids.length - 1; i >= 0; i--) {
            ObjectNode s = list.addObject();
            s.put("sessionId", (String) ids[i]);
            ArrayNode decisions = s.putArray("decisions");
            sessions.get((String) ids[i]).forEach(decisions::add);
        }
        return root.toString();
    }
}
