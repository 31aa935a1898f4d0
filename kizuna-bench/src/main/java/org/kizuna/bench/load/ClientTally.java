package org.kizuna.bench.load;

/**
 * What one client did, copied on its event loop when the run ends.
 *
 * @param client       its index
 * @param ready        it connected (and negotiated) and took part in the phases
 * @param slow         it was designated to stop reading (slow-consumer scenarios)
 * @param disconnected the connection ended before the run closed it
 * @param sent         messages it sent, per phase
 * @param received     stamped messages of others it received, per phase of their send time
 * @param echoes       its own messages sent back to it (a server must never do that)
 * @param error        the first error on the connection, or null
 */
record ClientTally(int client, boolean ready, boolean slow, boolean disconnected, long[] sent, long[] received,
                   long echoes, String error) {
}
