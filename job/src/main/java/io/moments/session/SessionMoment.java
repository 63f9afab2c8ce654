package io.moments.session;

import io.moments.decide.Trigger;

import java.util.List;

/** One moment of a session: its event time and what fires at it, friction patterns first, then label crossings. */
public record SessionMoment(long ts, List<Trigger> triggers) {}
