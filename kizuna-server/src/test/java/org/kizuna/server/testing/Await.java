package org.kizuna.server.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition another thread makes true, up to {@link TestClient#WAIT}, checking every few ms. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5); // polling a condition, not a guess at how long something takes
        }
    }
}
