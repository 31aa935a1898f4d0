package org.kizuna.core.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The no-leak runs as other modules start them ({@code kizuna bench-leaks}): worlds from
 * consecutive seeds, each run for a number of steps, until enough deliveries were checked. The
 * generator, the node wiring and the oracle are the ones the property uses.
 */
public final class NoLeakRuns {

    /**
     * What was checked.
     *
     * @param seeds        how many worlds ran, from {@code firstSeed} on
     * @param leakReports  the first few leaks, each with the offending copy and the last steps before it
     * @param leakingSeeds the seeds of the worlds that leaked
     */
    public record Result(long deliveries, long leaks, long refusals, Map<String, Long> byEdge,
                         Map<String, Long> findings, List<String> leakReports, List<Long> leakingSeeds,
                         long firstSeed, long seeds) {
    }

    private NoLeakRuns() {
    }

    /** Runs worlds {@code firstSeed}, {@code firstSeed + 1}, ... of {@code steps} steps each until {@code deliveries} were checked. */
    public static Result until(long deliveries, long firstSeed, int steps) {
        LeakTally total = new LeakTally();
        List<Long> leaking = new ArrayList<>();
        long seed = firstSeed;
        while (total.deliveries() < deliveries) {
            LeakTally t = LeakRun.run(seed, steps);
            if (t.leakCount() > 0) {
                leaking.add(seed);
            }
            total.add(t);
            seed++;
        }
        return new Result(total.deliveries(), total.leakCount(), total.refusals(), Map.copyOf(total.byEdge()),
                Map.copyOf(total.findings()), List.copyOf(total.leaks()), List.copyOf(leaking), firstSeed,
                seed - firstSeed);
    }

    /** The world of {@code seed}: its policy and rules files, clients, partners (for a counterexample). */
    public static String describe(long seed) {
        return WorldGenerator.generate(seed).describe();
    }
}
