package io.moments.labels;

/**
 * Google's micro-moments as they show on a shop: I-want-to-know (researching), -go (reaching a
 * person or place: contact, chat), -do (getting a task done: forms, support), -buy (acting on a purchase).
 */
public enum Moment {
    KNOW, GO, DO, BUY
}
