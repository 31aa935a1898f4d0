package org.kizuna.cot;

/**
 * Where an event is, in WGS-84, with its circular and linear errors in metres.
 *
 * <p>CoT writes {@link #UNKNOWN} (9,999,999) for a height or an error nobody knows; the value is
 * kept as sent so that it survives a round trip.
 */
public record Point(double lat, double lon, double hae, double ce, double le) {

    /** CoT's marker for an unknown height or error. */
    public static final double UNKNOWN = 9_999_999.0;

    /** The point control messages carry: 0,0 with every error unknown. */
    public static final Point NOWHERE = new Point(0, 0, 0, UNKNOWN, UNKNOWN);

    public Point {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("lat out of range [-90, 90]: " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("lon out of range [-180, 180]: " + lon);
        }
        if (!Double.isFinite(hae)) {
            throw new IllegalArgumentException("hae is not finite: " + hae);
        }
        if (!(ce >= 0) || !Double.isFinite(ce)) {
            throw new IllegalArgumentException("ce must be finite and >= 0: " + ce);
        }
        if (!(le >= 0) || !Double.isFinite(le)) {
            throw new IllegalArgumentException("le must be finite and >= 0: " + le);
        }
    }

    /** A point at lat/lon with unknown height and errors. */
    public static Point of(double lat, double lon) {
        return new Point(lat, lon, UNKNOWN, UNKNOWN, UNKNOWN);
    }
}
