package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <precisionlocation>}: where the position and altitude came from. */
public record PrecisionLocation(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "precisionlocation";

    public PrecisionLocation {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> geopointsrc() {
        return attributes.get("geopointsrc");
    }

    public Optional<String> altsrc() {
        return attributes.get("altsrc");
    }
}
