package org.kizuna.core.routing;

/**
 * Why an event was refused at ingest: the one list of reasons, each counted as
 * {@code kizuna.events.rejected{reason}} and named in a log line.
 */
public enum Refusal {
    /** Weapons, fires or targeting ({@code t-k}, {@code t-p}), in any case. */
    FORBIDDEN_TYPE("forbidden-type"),
    /** It carries this node's own flow tag: it came back. */
    LOOP("loop"),
    /** A uid it writes belongs to another identity, or to a partner's or the web accounts' namespace. */
    UID_OWNED_ELSEWHERE("uid-owned-elsewhere"),
    /** It would bind a new uid while the node holds as many as it may. */
    UID_BINDINGS_FULL("uid-bindings-full"),
    /** A GeoChat whose uid names another sender than its {@code chatgrp uid0}. */
    CHAT_SENDER_MISMATCH("chat-sender-mismatch"),
    /** {@code <marti><dest group>} names a group the sender does not write to. */
    ILLEGAL_GROUP("illegal-group"),
    /** {@code <marti><dest>} asks for routing this node does not serve (missions, for now). */
    UNSUPPORTED_DESTINATION("unsupported-destination"),
    /** A marking the policy does not define, or two markings that disagree. */
    BAD_LABEL("bad-label"),
    /** A marking that names no releasability where the node cannot say whose nation it means. */
    NO_RELEASABILITY("no-releasability"),
    /** A label the sender's clearance does not dominate: it may not write it. */
    LABEL_ABOVE_CLEARANCE("label-above-clearance"),
    /** A stored item without a readable label while labels are on. */
    UNLABELLED("unlabelled"),
    /** A partner's event that inbound labelling left without a label. */
    UNLABELLED_FOREIGN("unlabelled-foreign");

    private final String reason;

    Refusal(String reason) {
        this.reason = reason;
    }

    /** The counter tag and log word. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason;
    }
}
