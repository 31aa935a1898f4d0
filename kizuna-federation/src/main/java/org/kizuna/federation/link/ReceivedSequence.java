package org.kizuna.federation.link;

/**
 * The receiving side of exactly-once: the highest sequence taken from the partner's current log.
 * A frame at or below it was already processed (it was resent after a cut before our
 * acknowledgement arrived) and is skipped. Survives reconnects; a new partner log (new epoch,
 * after the partner restarted) starts over. Link thread only.
 */
final class ReceivedSequence {

    private long epoch;
    private long last;

    /** Continues from a position a previous run of this node recorded. */
    void restore(long partnerEpoch, long lastTaken) {
        epoch = partnerEpoch;
        last = lastTaken;
    }

    /** The partner announced the epoch of the log it sends from. */
    void useEpoch(long partnerEpoch) {
        if (partnerEpoch != epoch) {
            epoch = partnerEpoch;
            last = 0;
        }
    }

    /** True when {@code sequence} is new (and remembers it); false for a duplicate. */
    boolean accept(long sequence) {
        if (sequence <= last) {
            return false;
        }
        last = sequence;
        return true;
    }

    long epoch() {
        return epoch;
    }

    long last() {
        return last;
    }
}
