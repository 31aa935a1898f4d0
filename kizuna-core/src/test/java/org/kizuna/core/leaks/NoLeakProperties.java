package org.kizuna.core.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * No leak through any edge of the release boundary, judged by an oracle written independently of
 * the access rules and the rules file's reader (see {@link Oracle}): each try is one random world
 * ({@link WorldGenerator}) run for {@link #STEPS} random steps ({@link LeakRun}) with every
 * delivery checked. Together the tries must check at least {@link #MIN_DELIVERIES} deliveries, so
 * the figure cannot shrink unnoticed. A failure prints the world (policy and rules files,
 * clients, partners), the seed, the offending copy and the last steps before it.
 */
class NoLeakProperties {

    static final int STEPS = 500;
    static final long MIN_DELIVERIES = 100_000;

    private static final LeakTally TOTAL = new LeakTally();
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static long cpuNanos;

    @Property(tries = 70, shrinking = ShrinkingMode.OFF)
    void noDeliveryLeaksThroughAnyEdge(@ForAll long seed) {
        long cpu = CPU.getCurrentThreadCpuTime();
        LeakTally tally = LeakRun.run(seed, STEPS);
        cpuNanos += CPU.getCurrentThreadCpuTime() - cpu;
        synchronized (TOTAL) {
            TOTAL.add(tally);
        }
        assertThat(tally.leaks()).as("leaks in world %d:\n%s", seed, WorldGenerator.generate(seed).describe()).isEmpty();
    }

    @AfterContainer
    static void enoughWasChecked() {
        System.out.println("no-leak property: " + TOTAL.summary() + ", " + cpuNanos / 1_000_000 + " ms of CPU");
        assertThat(TOTAL.deliveries()).as("deliveries checked").isGreaterThanOrEqualTo(MIN_DELIVERIES);
        for (String edge : new String[] {"live", "picture-on-connect", "visible-picture", "marti-contacts", "history",
                "reevaluate", "delayed-release", "disconnect-notice", "retraction", "partner", "partner-at-send",
                "live-foreign"}) {
            assertThat(TOTAL.byEdge()).as("deliveries on edge %s", edge).containsKey(edge);
        }
    }
}
