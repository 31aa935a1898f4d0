package org.kizuna.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.cot.CotEvent;

/**
 * A subscriber without a transport: it keeps what it was handed, in order, and holds delayed
 * releases for the test to run. Single-threaded tests only.
 */
public final class RecordingSubscriber implements Subscriber {

    /** A release the router held back for a delay. */
    public record Deferred(Duration delay, Runnable release) {
    }

    private final long id;
    private final Recipient recipient;
    private final List<RoutedEvent> received = new ArrayList<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private String uid;
    private String callsign;
    private String selfType;
    private String closedFor;

    public RecordingSubscriber(long id, Recipient recipient) {
        this.id = id;
        this.recipient = recipient;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Recipient recipient() {
        return recipient;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public String callsign() {
        return callsign;
    }

    @Override
    public String selfType() {
        return selfType;
    }

    @Override
    public void learnSelf(String newUid, String newCallsign, String type) {
        uid = newUid;
        if (newCallsign != null) {
            callsign = newCallsign;
        }
        selfType = type;
    }

    @Override
    public void deliver(RoutedEvent delivery) {
        received.add(delivery);
    }

    @Override
    public void deliverBurst(int items, Runnable burst) {
        burst.run();
    }

    @Override
    public void defer(Duration delay, Runnable task) {
        deferred.add(new Deferred(delay, task));
    }

    @Override
    public void disconnect(String reason, String detail) {
        closedFor = reason;
    }

    /** The events handed over since the last call, as this subscriber got them; clears the list. */
    public List<CotEvent> take() {
        List<CotEvent> out = new ArrayList<>(received.size());
        received.forEach(r -> out.add(r.event()));
        received.clear();
        return out;
    }

    /** The routed values handed over since the last call; clears the list. */
    public List<RoutedEvent> takeRouted() {
        List<RoutedEvent> out = new ArrayList<>(received);
        received.clear();
        return out;
    }

    /** The delayed releases held since the last call; clears the list. */
    public List<Deferred> takeDeferred() {
        List<Deferred> out = new ArrayList<>(deferred);
        deferred.clear();
        return out;
    }

    public String closedFor() {
        return closedFor;
    }

    @Override
    public String toString() {
        return "RecordingSubscriber[" + id + " " + recipient.name() + "]";
    }
}
