package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** One {@code <marti><dest>}: a point-to-point destination by callsign, uid, mission or group. */
public record MartiDest(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "dest";

    public MartiDest {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> callsign() {
        return attributes.get("callsign");
    }

    public Optional<String> uid() {
        return attributes.get("uid");
    }

    public Optional<String> mission() {
        return attributes.get("mission");
    }

    public Optional<String> group() {
        return attributes.get("group");
    }
}
