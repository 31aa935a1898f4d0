package org.kizuna.bench;

/**
 * The {@link GuardedRoutingBenchmark} cases run in turns inside one JVM (2,000 events per case
 * per round, 20 rounds of warm-up, 40 measured), so that load from other processes on a shared
 * machine hits every case alike; JMH runs the cases one after another, and on a busy machine its
 * ratios mostly measure the neighbours. Prints microseconds per event and the ratio to labels off.
 *
 * <p>Run: {@code java -cp "kizuna-bench/target/kizuna-bench-0.1.0-SNAPSHOT.jar:kizuna-bench/target/lib/*"
 * org.kizuna.bench.GuardedRoutingInterleaved [recipients]}
 */
public final class GuardedRoutingInterleaved {

    private static final String[] CASES = {"off", "guard", "guard-coarsen", "guard-unaudited"};

    private GuardedRoutingInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        GuardedRoutingBenchmark[] runs = new GuardedRoutingBenchmark[CASES.length];
        for (int i = 0; i < CASES.length; i++) {
            runs[i] = new GuardedRoutingBenchmark();
            runs[i].recipients = recipients;
            runs[i].labels = CASES[i];
            runs[i].setUp();
        }
        long[] nanos = new long[CASES.length];
        long bytes = 0;
        int warmup = 20;
        int measured = 40;
        int perRound = 2000;
        for (int round = 0; round < warmup + measured; round++) {
            for (int i = 0; i < CASES.length; i++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < perRound; k++) {
                    bytes += runs[i].routeAndWrite();
                }
                if (round >= warmup) {
                    nanos[i] += System.nanoTime() - t0;
                }
            }
        }
        double events = (double) measured * perRound;
        for (int i = 0; i < CASES.length; i++) {
            System.out.printf("%-14s %8.1f us/event   %.2f x off%n", CASES[i], nanos[i] / events / 1000, (double) nanos[0] / nanos[i]);
        }
        System.out.println("(bytes written: " + bytes + ")");
    }
}
