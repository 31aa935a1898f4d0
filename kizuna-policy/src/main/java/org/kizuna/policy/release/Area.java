package org.kizuna.policy.release;

import java.util.List;

/**
 * A polygon in latitude/longitude (degrees) that a release rule applies to. Edges are straight
 * in degrees, which is what operators draw on a map at these scales; an area may not cross the
 * antimeridian (split it in two rules).
 *
 * @param vertices {@code [lat, lon]} pairs, at least three, not closed (the last joins the first)
 */
public record Area(List<double[]> vertices) {

    public Area {
        if (vertices.size() < 3) {
            throw new IllegalArgumentException("an area needs at least three vertices");
        }
        for (double[] v : vertices) {
            if (v.length != 2 || !(v[0] >= -90 && v[0] <= 90) || !(v[1] >= -180 && v[1] <= 180)) {
                throw new IllegalArgumentException("area vertices are [lat, lon] in degrees");
            }
        }
        vertices = vertices.stream().map(double[]::clone).toList();
    }

    /** Even-odd ray casting; a point exactly on an edge may fall either way. */
    public boolean contains(double lat, double lon) {
        boolean inside = false;
        int n = vertices.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double[] a = vertices.get(i);
            double[] b = vertices.get(j);
            if ((a[0] > lat) != (b[0] > lat)) {
                double lonAtLat = (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]) + a[1];
                if (lon < lonAtLat) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }
}
