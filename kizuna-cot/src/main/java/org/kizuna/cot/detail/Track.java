package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <track>}: speed in metres per second and course in degrees true. */
public record Track(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "track";

    public Track {
        Objects.requireNonNull(attributes, "attributes");
    }

    public static Track of(double speed, double course) {
        return new Track(Attributes.of("speed", Double.toString(speed), "course", Double.toString(course)));
    }

    public Optional<Double> speed() {
        return attributes.getDouble("speed");
    }

    public Optional<Double> course() {
        return attributes.getDouble("course");
    }
}
