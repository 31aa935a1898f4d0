package org.kizuna.bench.load;

/**
 * Looks at the server under load from outside: its CPU time, heap and resident memory. A remote
 * server cannot be looked at: {@link #NONE} reports nothing.
 */
public interface TargetProbe {

    TargetProbe NONE = heap -> Sample.UNKNOWN;

    /** A sample now; {@code withHeap} also collects garbage first and measures the live heap (slow). */
    Sample sample(boolean withHeap);

    /**
     * @param cpuSeconds user + system CPU the server used since it started, or -1
     * @param heapBytes  heap in use after a full collection, or -1
     * @param rssBytes   resident set size, or -1
     */
    record Sample(double cpuSeconds, long heapBytes, long rssBytes) {
        public static final Sample UNKNOWN = new Sample(-1, -1, -1);
    }
}
