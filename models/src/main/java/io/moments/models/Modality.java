package io.moments.models;

/** Where a label signal comes from. Behaviour is computed in the session stage; the others by models. */
public enum Modality {
    BEHAVIOUR, TEXT, FACE, VOICE
}
