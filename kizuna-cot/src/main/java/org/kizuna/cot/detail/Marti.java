package org.kizuna.cot.detail;

import java.util.List;
import java.util.Objects;
import org.kizuna.cot.Attributes;

/**
 * {@code <marti>}: routing instructions to the server. The server consumes it and removes it
 * before delivery. An empty {@code <marti/>} (iTAK sends one) means "broadcast as usual".
 */
public record Marti(Attributes attributes, List<MartiDest> destinations) {

    /** The XML element name. */
    public static final String ELEMENT = "marti";

    public Marti {
        Objects.requireNonNull(attributes, "attributes");
        destinations = List.copyOf(destinations);
    }

    public static Marti to(MartiDest... destinations) {
        return new Marti(Attributes.empty(), List.of(destinations));
    }

    /** True when at least one destination names a callsign or a uid (point-to-point). */
    public boolean isPointToPoint() {
        return destinations.stream().anyMatch(d -> d.callsign().isPresent() || d.uid().isPresent());
    }
}
