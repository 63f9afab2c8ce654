package io.moments.models.text;

/**
 * One line of {@code models/text/data/utterances.jsonl}.
 *
 * @param style how it is written: {@code plain}, {@code typos}, {@code lowercase}, {@code chat_abbrev},
 *     {@code support_long} or {@code review_long} ({@code augmented:<kind>} for copies made in training)
 * @param split which {@link Utterances.Split} it belongs to
 */
record Utterance(String id, String label, String channel, String style, Utterances.Split split, String text) {

    /** A copy with another text and style (for augmentation); keeps label, channel and split. */
    Utterance rewritten(String suffix, String newStyle, String newText) {
        return new Utterance(id + suffix, label, channel, newStyle, split, newText);
    }
}
