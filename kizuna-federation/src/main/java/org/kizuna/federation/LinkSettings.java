package org.kizuna.federation;

import java.time.Duration;

/**
 * How every link behaves.
 *
 * @param logCapacity       entries the outbound log of one link holds until the partner
 *                          acknowledges them (see {@code OutboundLog} for what happens when full)
 * @param heartbeat         how often an otherwise quiet link sends a heartbeat
 * @param idleTimeout       a link that hears nothing for this long is closed and redialled
 * @param backoffInitial    first redial delay after a cut; doubles up to {@code backoffMax}, with jitter
 * @param backoffMax        longest redial delay
 * @param inboundPerSecond  frames a partner may send per second, sustained
 * @param inboundBurst      frames a partner may send at once after a quiet spell
 * @param maxRelayHops      0: never pass a partner's event on to another partner (the default);
 *                          n: relay events that crossed fewer than n links
 */
public record LinkSettings(int logCapacity, Duration heartbeat, Duration idleTimeout, Duration backoffInitial,
                           Duration backoffMax, int inboundPerSecond, int inboundBurst, int maxRelayHops) {

    public static final LinkSettings DEFAULTS = new LinkSettings(100_000, Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofMillis(500), Duration.ofSeconds(30), 100_000, 20_000, 0);

    public LinkSettings {
        if (logCapacity <= 0 || inboundPerSecond <= 0 || inboundBurst <= 0 || maxRelayHops < 0) {
            throw new IllegalArgumentException("federation.link: capacities and rates must be > 0, maxRelayHops >= 0");
        }
        for (Duration d : new Duration[] {heartbeat, idleTimeout, backoffInitial, backoffMax}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("federation.link durations must be > 0: " + d);
            }
        }
        if (idleTimeout.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("federation.link.idleTimeout must exceed the heartbeat interval");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("federation.link.backoffMax must be >= backoffInitial");
        }
    }

    public LinkSettings withLogCapacity(int value) {
        return new LinkSettings(value, heartbeat, idleTimeout, backoffInitial, backoffMax, inboundPerSecond,
                inboundBurst, maxRelayHops);
    }

    public LinkSettings withBackoff(Duration initial, Duration max) {
        return new LinkSettings(logCapacity, heartbeat, idleTimeout, initial, max, inboundPerSecond, inboundBurst,
                maxRelayHops);
    }

    public LinkSettings withInboundRate(int perSecond, int burst) {
        return new LinkSettings(logCapacity, heartbeat, idleTimeout, backoffInitial, backoffMax, perSecond, burst,
                maxRelayHops);
    }

    public LinkSettings withMaxRelayHops(int value) {
        return new LinkSettings(logCapacity, heartbeat, idleTimeout, backoffInitial, backoffMax, inboundPerSecond,
                inboundBurst, value);
    }
}
