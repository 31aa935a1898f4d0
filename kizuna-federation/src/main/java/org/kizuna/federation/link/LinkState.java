package org.kizuna.federation.link;

/** The one lifecycle of a link to one partner. */
public enum LinkState {
    /** Not started yet. */
    NEW,
    /** Waiting for the partner to dial us (we do not dial this partner). */
    WAITING,
    /** Our dial is under way. */
    CONNECTING,
    /** A stream is open; our Hello is sent and the partner's is awaited. */
    HANDSHAKING,
    /** Hellos exchanged: events flow both ways. */
    ACTIVE,
    /** The stream ended; a redial is scheduled after a backoff. */
    BACKOFF,
    /** The node is shutting down; nothing more happens. */
    CLOSED
}
