package org.kizuna.store.writer;

/** What happened to an offered item. */
public enum Admission {
    /** Waiting for the next batch. */
    QUEUED,
    /** A position report left out because the database is behind and this unit was stored moments ago. */
    SAMPLED,
    /** Refused: the queue is full or the writer is closed. Counted and logged. */
    DROPPED
}
