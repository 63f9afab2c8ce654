package io.moments.ingest;

import io.moments.models.Signal;
import io.moments.models.voice.ProsodySample;

/**
 * One valid input record of any v1 schema. Exactly one of {@code interaction}, {@code text},
 * {@code media}, {@code outcome} is non-null, matching {@code schema}. A single record type (rather
 * than four streams) keeps the keyed session stage on one input and on Flink's record serializer.
 *
 * @param ts     event time, epoch milliseconds
 * @param signal  what a model made of the text or media (null until inference, and for other schemas); for a
 *                voice chunk, set by the session stage from {@code prosody} and the session's voice baseline
 * @param prosody a voice chunk's prosody as the inference operator measured it (numbers only, never audio),
 *                on its way to the session stage, which scores it against the session's baseline and drops
 *                it; null for every other event, and never in keyed state or a sink
 */
public record ShopperEvent(
        String schema,
        String eventId,
        String sessionId,
        long ts,
        String userId,
        Consent consent,
        Interaction interaction,
        TextMessage text,
        MediaChunk media,
        OutcomeReport outcome,
        Signal signal,
        ProsodySample prosody) {

    public static final String INTERACTION = "interaction/v1";
    public static final String TEXT = "text/v1";
    public static final String MEDIA = "media/v1";
    public static final String OUTCOME = "outcome/v1";

    /** An event without prosody (every event but a voice chunk between inference and the session stage). */
    public ShopperEvent(String schema, String eventId, String sessionId, long ts, String userId, Consent consent,
                        Interaction interaction, TextMessage text, MediaChunk media, OutcomeReport outcome,
                        Signal signal) {
        this(schema, eventId, sessionId, ts, userId, consent, interaction, text, media, outcome, signal, null);
    }

    public boolean isInteraction() {
        return interaction != null;
    }

    public boolean is(InteractionType type) {
        return interaction != null && interaction.type() == type;
    }

    /** A short name for metrics and logs: the interaction type, or the schema's kind. Never content. */
    public String typeName() {
        if (interaction != null) {
            return interaction.type().wireName();
        }
        if (text != null) {
            return "text_" + text.channel().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (media != null) {
            return media.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        return "outcome_" + outcome.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** This event without message text or media payload: the form allowed into keyed state. */
    public ShopperEvent withoutContent() {
        if (text == null && media == null) {
            return this;
        }
        return new ShopperEvent(schema, eventId, sessionId, ts, userId, consent, interaction,
                text == null ? null : text.withoutContent(),
                media == null ? null : media.withoutPayload(),
                outcome, signal, prosody);
    }

    /** This event with a model's signal attached. */
    public ShopperEvent withSignal(Signal newSignal) {
        return new ShopperEvent(schema, eventId, sessionId, ts, userId, consent, interaction, text, media, outcome,
                newSignal, prosody);
    }

    /** This event with a voice chunk's prosody attached (or, with null, dropped). */
    public ShopperEvent withProsody(ProsodySample newProsody) {
        return new ShopperEvent(schema, eventId, sessionId, ts, userId, consent, interaction, text, media, outcome,
                signal, newProsody);
    }
}
