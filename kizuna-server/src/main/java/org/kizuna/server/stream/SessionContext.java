package org.kizuna.server.stream;

import java.time.Clock;
import java.time.Duration;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.channels.Channels;

/**
 * What every connection's handlers share: the router, the registry, the codecs and the limits.
 * Built once by the server and handed to each new pipeline.
 */
public record SessionContext(
        Router router,
        Subscribers sessions,
        GroupDirectory groups,
        CotXmlReader xmlReader,
        TakProtoCodec protoCodec,
        CotLimits limits,
        SessionLimits sessionLimits,
        ServerMetrics metrics,
        Channels channels,
        Clock clock) {

    /**
     * Per-connection limits.
     *
     * @param outboundQueue          deliveries a session may have waiting
     * @param unwritableTimeout      how long a socket may refuse writes before the client is dropped
     * @param readIdleTimeout        how long a client may stay silent (ATAK pings well within this)
     * @param handshakeTimeout       how long a TLS handshake may take
     * @param maxClients             connections accepted at once, over all listeners
     * @param maxConsecutiveBadFrames bad events in a row after which the client is dropped
     * @param flushInterval          a session's socket is flushed at most once per this interval: what
     *                               arrives meanwhile goes out in the same TLS record and system call
     *                               (zero: every drain flushes)
     */
    public record SessionLimits(int outboundQueue, Duration unwritableTimeout, Duration readIdleTimeout,
                                Duration handshakeTimeout, int maxClients, int maxConsecutiveBadFrames,
                                Duration flushInterval) {

        public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(5);
        public static final SessionLimits DEFAULTS = new SessionLimits(
                4096, Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(10), 20_000, 20,
                DEFAULT_FLUSH_INTERVAL);

        /** Limits that flush on every drain. */
        public SessionLimits(int outboundQueue, Duration unwritableTimeout, Duration readIdleTimeout,
                             Duration handshakeTimeout, int maxClients, int maxConsecutiveBadFrames) {
            this(outboundQueue, unwritableTimeout, readIdleTimeout, handshakeTimeout, maxClients,
                    maxConsecutiveBadFrames, Duration.ZERO);
        }

        public SessionLimits {
            if (outboundQueue <= 0 || maxClients <= 0 || maxConsecutiveBadFrames <= 0) {
                throw new IllegalArgumentException("session limits must be > 0");
            }
            for (Duration d : new Duration[] {unwritableTimeout, readIdleTimeout, handshakeTimeout}) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("session timeouts must be > 0: " + d);
                }
            }
            if (flushInterval.isNegative() || flushInterval.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("session.flushInterval must be 0..1s: " + flushInterval);
            }
        }
    }
}
