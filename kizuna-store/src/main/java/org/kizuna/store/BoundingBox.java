package org.kizuna.store;

/**
 * A query rectangle in degrees: west, south, east, north. {@code west > east} crosses the
 * antimeridian (e.g. 170,-10,-170,10 spans 20 degrees around 180).
 */
public record BoundingBox(double west, double south, double east, double north) {

    /** Metres in a degree of latitude (and of longitude at the equator), as the coarsening grid uses. */
    private static final double METRES_PER_DEGREE = 111_320.0;

    public BoundingBox {
        check("west", west, 180);
        check("east", east, 180);
        check("south", south, 90);
        check("north", north, 90);
        if (south > north) {
            throw new InvalidQueryException("bbox", "south " + south + " is north of north " + north);
        }
    }

    /** Parses {@code W,S,E,N} as the command line and REST take it. */
    public static BoundingBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new InvalidQueryException("bbox", "expected W,S,E,N (four numbers), got '" + text + "'");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidQueryException("bbox", "'" + parts[i].trim() + "' is not a number");
            }
        }
        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }

    public boolean crossesAntimeridian() {
        return west > east;
    }

    /** True when the point lies inside (edges included). */
    public boolean contains(double lat, double lon) {
        if (lat < south || lat > north) {
            return false;
        }
        return crossesAntimeridian() ? lon >= west || lon <= east : lon >= west && lon <= east;
    }

    /**
     * This box grown by {@code metres} on every side: a point moved at most that far in latitude,
     * and at most that far at the box's most poleward latitude in longitude, from a point inside
     * stays inside. Across the antimeridian it wraps; wider than the world, it spans every longitude.
     */
    public BoundingBox widenedBy(double metres) {
        if (!(metres > 0)) {
            return this;
        }
        double dLat = metres / METRES_PER_DEGREE;
        double s = Math.max(-90, south - dLat);
        double n = Math.min(90, north + dLat);
        double cos = Math.cos(Math.toRadians(Math.max(Math.abs(s), Math.abs(n))));
        double width = crossesAntimeridian() ? east + 360 - west : east - west;
        if (cos < 0.01 || width + 2 * metres / (METRES_PER_DEGREE * cos) >= 360) {
            return new BoundingBox(-180, s, 180, n);
        }
        double dLon = metres / (METRES_PER_DEGREE * cos);
        double w = west - dLon;
        double e = east + dLon;
        return new BoundingBox(w < -180 ? w + 360 : w, s, e > 180 ? e - 360 : e, n);
    }

    private static void check(String edge, double value, double limit) {
        if (!(value >= -limit && value <= limit)) {
            throw new InvalidQueryException("bbox", edge + " " + value + " is outside [-" + limit + ", " + limit + "]");
        }
    }
}
