package org.kizuna.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.kizuna.bench.load.LoadResult.Latency;
import org.kizuna.bench.load.LoadResult.PhaseResult;
import org.kizuna.bench.load.LoadResult.SlowClients;

/** Turns the clients' counters and the loops' histograms into per-phase results. */
final class Tallies {

    private final List<Phase> phases;
    private final List<ClientTally> clients;
    private final Histogram[] latencies;

    Tallies(List<Phase> phases, List<ClientTally> clients, List<Histogram[]> perLoop) {
        this.phases = phases;
        this.clients = clients;
        this.latencies = new Histogram[phases.size()];
        for (int p = 0; p < phases.size(); p++) {
            latencies[p] = new Histogram(LoopStats.HIGHEST_MICROS, 3);
            for (Histogram[] loop : perLoop) {
                latencies[p].add(loop[p]);
            }
        }
    }

    /** True when, in every phase, each reading client has received all the others sent (nothing in flight). */
    static boolean allDelivered(int phaseCount, List<ClientTally> clients) {
        for (int p = 0; p < phaseCount; p++) {
            long sent = 0;
            for (ClientTally c : clients) {
                sent += c.ready() ? c.sent()[p] : 0;
            }
            for (ClientTally c : clients) {
                if (c.ready() && !c.slow() && c.received()[p] < sent - c.sent()[p]) {
                    return false;
                }
            }
        }
        return true;
    }

    List<PhaseResult> phases() {
        List<PhaseResult> results = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            long sent = 0;
            long expected = 0;
            long received = 0;
            for (ClientTally c : clients) {
                sent += c.ready() ? c.sent()[p] : 0;
            }
            for (ClientTally c : clients) {
                if (c.ready() && !c.slow()) {
                    expected += sent - c.sent()[p];
                    received += c.received()[p];
                }
            }
            double seconds = phase.duration().toNanos() / 1e9;
            results.add(new PhaseResult(phase.name(), seconds, phase.rateFactor(), sent, expected, received,
                    expected - received, sent / seconds, received / seconds, latency(latencies[p])));
        }
        return results;
    }

    PhaseResult overall(List<PhaseResult> perPhase) {
        Histogram all = new Histogram(LoopStats.HIGHEST_MICROS, 3);
        for (Histogram h : latencies) {
            all.add(h);
        }
        double seconds = perPhase.stream().mapToDouble(PhaseResult::seconds).sum();
        long sent = perPhase.stream().mapToLong(PhaseResult::sent).sum();
        long expected = perPhase.stream().mapToLong(PhaseResult::expected).sum();
        long received = perPhase.stream().mapToLong(PhaseResult::received).sum();
        return new PhaseResult("all", seconds, 1, sent, expected, received, expected - received, sent / seconds,
                received / seconds, latency(all));
    }

    SlowClients slowClients() {
        int count = 0;
        int disconnected = 0;
        long received = 0;
        for (ClientTally c : clients) {
            if (c.slow()) {
                count++;
                disconnected += c.disconnected() ? 1 : 0;
                for (long r : c.received()) {
                    received += r;
                }
            }
        }
        return new SlowClients(count, disconnected, received);
    }

    int ready() {
        return (int) clients.stream().filter(ClientTally::ready).count();
    }

    /** Disconnects of clients that kept reading; a server dropping a stalled client is expected. */
    int disconnected() {
        return (int) clients.stream().filter(c -> c.ready() && c.disconnected() && !c.slow()).count();
    }

    long echoes() {
        return clients.stream().mapToLong(ClientTally::echoes).sum();
    }

    /** Distinct errors, most frequent first, at most ten. */
    List<String> errors() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ClientTally c : clients) {
            if (c.error() != null) {
                counts.merge(c.error(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(10)
                .map(e -> e.getValue() + " x " + e.getKey())
                .toList();
    }

    private static Latency latency(Histogram h) {
        return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
