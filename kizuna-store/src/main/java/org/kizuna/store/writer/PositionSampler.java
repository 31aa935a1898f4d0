package org.kizuna.store.writer;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Under pressure, admits at most one position report per uid per interval, so every unit keeps a
 * (coarser) track instead of the fastest reporters crowding out the rest. Bounded: past
 * {@code maxUids} tracked uids the table starts over, which only admits a few extra reports.
 */
final class PositionSampler {

    private final long intervalNanos;
    private final int maxUids;
    private final ConcurrentHashMap<String, Long> lastAdmitted = new ConcurrentHashMap<>();

    PositionSampler(long intervalNanos, int maxUids) {
        this.intervalNanos = intervalNanos;
        this.maxUids = maxUids;
    }

    boolean admit(String uid, long nowNanos) {
        if (lastAdmitted.size() > maxUids) {
            lastAdmitted.clear();
        }
        boolean[] admitted = {false};
        lastAdmitted.compute(uid, (k, last) -> {
            if (last == null || nowNanos - last >= intervalNanos) {
                admitted[0] = true;
                return nowNanos;
            }
            return last;
        });
        return admitted[0];
    }
}
