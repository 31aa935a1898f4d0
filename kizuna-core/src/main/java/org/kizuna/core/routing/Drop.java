package org.kizuna.core.routing;

/**
 * Why the router did not hand something to a recipient: the one list of reasons, each counted
 * as {@code kizuna.deliveries.dropped{reason}} (the server's queues add their own: queue-full,
 * slow-consumer, encode-failed).
 */
public enum Drop {
    /** The egress decision denied it to this recipient. */
    RELEASE_DENIED("release-denied"),
    /** A delayed release the posture no longer permitted, as shaped, when it fell due. */
    RELEASE_WITHDRAWN("release-withdrawn"),
    /** Point-to-point traffic that no reachable subscriber was addressed by. */
    NO_RECIPIENT("no-recipient"),
    /** A new uid while the picture is full: routed live, not kept. */
    PICTURE_FULL("picture-full"),
    /** A held item a posture change took back (a forced delete was sent). */
    RETRACTED("retracted");

    private final String reason;

    Drop(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason;
    }
}
