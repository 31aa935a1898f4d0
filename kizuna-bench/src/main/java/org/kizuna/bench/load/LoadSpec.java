package org.kizuna.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.kizuna.core.routing.WireFormat;

/**
 * What a load run does.
 *
 * @param clients       TLS clients to connect
 * @param rate          position reports per second per client (0: idle clients)
 * @param chatRate      GeoChat lines to All Chat Rooms per second per client (0: none)
 * @param format        XML, or TAK protocol v1 after negotiation
 * @param rampPerSecond new connections started per second (a gentle ramp, as clients arrive in the field)
 * @param warmup        sending time after the ramp and before the first phase, for the JIT and the caches
 * @param phases        the measured phases, back to back
 * @param slowClients   how many clients (the first ones) stop reading when a stalling phase starts
 * @param drain         how long to wait after the last phase for messages still in flight
 * @param loops         client event loop threads
 */
public record LoadSpec(int clients, double rate, double chatRate, WireFormat format, int rampPerSecond,
                       Duration warmup, List<Phase> phases, int slowClients, Duration drain, int loops) {

    public LoadSpec {
        Objects.requireNonNull(format, "format");
        phases = List.copyOf(phases);
        if (clients <= 0 || rampPerSecond <= 0 || loops <= 0) {
            throw new IllegalArgumentException("clients, ramp and loops must be > 0");
        }
        if (rate < 0 || chatRate < 0 || slowClients < 0 || slowClients >= clients) {
            throw new IllegalArgumentException("rates must be >= 0 and slow clients fewer than clients");
        }
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("at least one phase");
        }
    }

    /** The sum of the phases' durations. */
    public Duration measured() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
