package org.kizuna.federation.link;

import java.util.function.LongSupplier;

/**
 * A token bucket on the frames one partner may send: {@code perSecond} sustained, {@code burst}
 * at once. Enforced through gRPC flow control (the link asks for one more frame per token), so a
 * partner above its rate is slowed down, not cut off, and its own log coalesces positions while
 * it waits. Link thread only.
 */
final class InboundRate {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    InboundRate(int perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Nanoseconds until the next token, at least 1. */
    long nanosUntilNext() {
        refill();
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
    }
}
