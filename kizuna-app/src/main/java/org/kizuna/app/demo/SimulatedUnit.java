package org.kizuna.app.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.Track;

/**
 * One scenario unit flying, sailing or driving a closed loop of waypoints at a constant speed.
 * Its position is a pure function of time, so the simulator needs no state and tests can check
 * any instant.
 *
 * @param speed metres per second along the loop
 * @param hae   height above the ellipsoid in metres
 */
public record SimulatedUnit(String uid, String callsign, String type, double speed, double hae, String remarks,
                            List<double[]> waypoints, String access, String releasableTo) {

    private static final double EARTH_RADIUS_M = 6_371_000;

    public SimulatedUnit {
        waypoints = List.copyOf(waypoints);
        access = access == null ? "" : access;
        releasableTo = releasableTo == null ? "" : releasableTo;
        if (waypoints.size() < 2 || speed <= 0) {
            throw new IllegalArgumentException(uid + ": a unit needs two waypoints and a positive speed");
        }
    }

    /** A unit whose reports carry no label: the node gives them its default. */
    public SimulatedUnit(String uid, String callsign, String type, double speed, double hae, String remarks,
                         List<double[]> waypoints) {
        this(uid, callsign, type, speed, hae, remarks, waypoints, "", "");
    }

    /** This unit with its reports labelled the way TAK clients label them ({@code access}, {@code releasableTo}). */
    public SimulatedUnit labelled(String newAccess, String newReleasableTo) {
        return new SimulatedUnit(uid, callsign, type, speed, hae, remarks, waypoints, newAccess, newReleasableTo);
    }

    /** The unit's position report at {@code now}, stale after {@code staleAfter}. */
    public CotEvent reportAt(Instant now, Duration staleAfter) {
        double travelled = speed * now.toEpochMilli() / 1000.0 % loopLength();
        int i = 0;
        while (true) {
            double leg = legLength(i);
            if (travelled <= leg) {
                return report(now, staleAfter, i, leg == 0 ? 0 : travelled / leg);
            }
            travelled -= leg;
            i = (i + 1) % waypoints.size();
        }
    }

    private CotEvent report(Instant now, Duration staleAfter, int leg, double fraction) {
        double[] a = waypoints.get(leg);
        double[] b = waypoints.get((leg + 1) % waypoints.size());
        double lat = a[0] + (b[0] - a[0]) * fraction;
        double lon = a[1] + (b[1] - a[1]) * fraction;
        Detail detail = Detail.builder()
                .contact(new Contact(Attributes.of("callsign", callsign)))
                .track(Track.of(speed, course(a, b)))
                .remarks(Remarks.of(remarks))
                .build();
        return CotEvent.builder(uid, type)
                .how("m-g")
                .times(now, now.plus(staleAfter))
                .point(new Point(lat, lon, hae, 10, 10))
                .access(access)
                .releasableTo(releasableTo)
                .detail(detail)
                .build();
    }

    private double loopLength() {
        double total = 0;
        for (int i = 0; i < waypoints.size(); i++) {
            total += legLength(i);
        }
        return total;
    }

    private double legLength(int i) {
        double[] a = waypoints.get(i);
        double[] b = waypoints.get((i + 1) % waypoints.size());
        double dLat = Math.toRadians(b[0] - a[0]);
        double dLon = Math.toRadians(b[1] - a[1]) * Math.cos(Math.toRadians((a[0] + b[0]) / 2));
        return EARTH_RADIUS_M * Math.sqrt(dLat * dLat + dLon * dLon);
    }

    private static double course(double[] a, double[] b) {
        double dLat = b[0] - a[0];
        double dLon = (b[1] - a[1]) * Math.cos(Math.toRadians((a[0] + b[0]) / 2));
        double deg = Math.toDegrees(Math.atan2(dLon, dLat));
        return Math.round((deg + 360) % 360 * 10) / 10.0;
    }
}
