package org.kizuna.federation.link;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kizuna.federation.FederationMetrics;

/**
 * The inbound rate limit as gRPC flow control: after each frame the partner may send one more
 * when a token is available; otherwise the credit is owed and granted when tokens come back.
 * A partner above its rate is slowed down, never cut off or dropped from. Link thread only.
 */
final class InboundCredit {

    private final InboundRate rate;
    private final ScheduledExecutorService loop;
    private final Supplier<FrameStream> currentStream;
    private final FederationMetrics metrics;
    private final String partner;
    private int owed;
    private boolean grantScheduled;

    InboundCredit(InboundRate rate, ScheduledExecutorService loop, Supplier<FrameStream> currentStream,
                  FederationMetrics metrics, String partner) {
        this.rate = rate;
        this.loop = loop;
        this.currentStream = currentStream;
        this.metrics = metrics;
        this.partner = partner;
    }

    /** A new stream starts with its own initial credit: nothing is owed on it. */
    void newStream() {
        owed = 0;
    }

    /** One frame of {@code stream} was processed. */
    void frameTaken(FrameStream stream) {
        if (stream == null) {
            return;
        }
        if (rate.tryTake()) {
            stream.request(1);
            return;
        }
        owed++;
        metrics.throttled(partner);
        scheduleGrant();
    }

    private void scheduleGrant() {
        if (!grantScheduled) {
            grantScheduled = true;
            loop.schedule(this::grantOwed, rate.nanosUntilNext(), TimeUnit.NANOSECONDS);
        }
    }

    private void grantOwed() {
        grantScheduled = false;
        int granted = 0;
        while (owed > 0 && rate.tryTake()) {
            owed--;
            granted++;
        }
        FrameStream stream = currentStream.get();
        if (granted > 0 && stream != null) {
            stream.request(granted);
        }
        if (owed > 0) {
            scheduleGrant();
        }
    }
}
