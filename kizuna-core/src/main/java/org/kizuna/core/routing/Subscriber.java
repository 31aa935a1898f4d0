package org.kizuna.core.routing;

import java.time.Duration;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.Recipient;

/**
 * A recipient with a queue of its own, registered with the router for live traffic: a TAK
 * client's session or a browser's live feed. The transport (Netty, WebSocket) stays behind this
 * interface; the router only enqueues.
 */
public interface Subscriber {

    /** Unique while the node runs; registered subscribers start at 1. */
    long id();

    Recipient recipient();

    default ClientIdentity identity() {
        return recipient().identity();
    }

    default GroupMembership groups() {
        return recipient().groups();
    }

    /** The uid of its own position reports, once it has sent one; null before. */
    String uid();

    String callsign();

    /** The CoT type of its own position reports (for the disconnect notice). */
    String selfType();

    /** Records what the client's own situational-awareness report says about it. */
    void learnSelf(String uid, String callsign, String type);

    /** Queues {@code delivery}. Safe from any thread; never blocks. */
    void deliver(RoutedEvent delivery);

    /** Runs {@code burst} (up to {@code items} deliveries at once) with that much room above the queue's capacity. */
    void deliverBurst(int items, Runnable burst);

    /** Runs {@code task} after {@code delay} on this subscriber's own thread (a delayed release). */
    void defer(Duration delay, Runnable task);

    /** Closes the connection, with a reason for the counter and the log. Safe from any thread. */
    void disconnect(String reason, String detail);
}
