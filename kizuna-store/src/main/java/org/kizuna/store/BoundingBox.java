package org.kizuna.store;

/**
 * A query rectangle in degrees: west, south, east, north. {@code west > east} crosses the
 * antimeridian (e.g. 170,-10,-170,10 spans 20 degrees around 180).
 */
public record BoundingBox(double west, double south, double east, double north) {

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

    private static void check(String edge, double value, double limit) {
        if (!(value >= -limit && value <= limit)) {
            throw new InvalidQueryException("bbox", edge + " " + value + " is outside [-" + limit + ", " + limit + "]");
        }
    }
}
