package io.moments.models.text;

/** One line of {@code models/text/data/utterances.jsonl}. */
record Utterance(String id, String label, String channel, String text) {}
