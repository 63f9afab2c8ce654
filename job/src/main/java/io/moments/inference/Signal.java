package io.moments.inference;

import io.moments.models.LabelScores;

/**
 * What a model made of one text message, camera frame or voice chunk: label scores in 0..1 and how
 * much to trust them. This, never the content itself, is what travels on to session state.
 *
 * @param confidence 0..1; 0 means the model saw nothing usable (no face, no speech)
 * @param model      model name and version, for the audit trail
 */
public record Signal(Modality modality, LabelScores scores, double confidence, String model) {}
