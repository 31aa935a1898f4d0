package org.kizuna.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy, from {@code /proc/stat}: set against the server's and
 * the load generator's own, it shows how much of a run's CPU went to something else on the box.
 */
final class MachineCpu {

    /** /proc reports USER_HZ ticks, fixed at 100 per second by the Linux ABI. */
    private static final double TICKS_PER_SECOND = 100;

    private MachineCpu() {
    }

    /** Busy seconds (user, nice, system, irq, softirq, steal) since boot, or -1 off Linux. */
    static double busySeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
