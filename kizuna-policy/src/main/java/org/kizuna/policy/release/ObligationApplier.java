package org.kizuna.policy.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.DetailElement;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Link;
import org.kizuna.policy.cot.EventLabels;

/**
 * Applies a permit's obligations to an event: the delay is the caller's (it schedules), the rest
 * shapes the event here. Deterministic, so every recipient of one variant gets the same bytes.
 */
public final class ObligationApplier {

    private static final double METRES_PER_DEGREE = 111_320.0;

    private final byte[] pseudonymKey;

    /** {@code pseudonymKey}: the node's secret for uid pseudonyms (HMAC-SHA256), at least 16 bytes. */
    public ObligationApplier(byte[] pseudonymKey) {
        if (pseudonymKey.length < 16) {
            throw new IllegalArgumentException("the pseudonym key needs at least 16 bytes");
        }
        this.pseudonymKey = pseudonymKey.clone();
    }

    public CotEvent apply(CotEvent event, Obligations o) {
        CotEvent e = event;
        if (o.dropIdentity()) {
            e = dropIdentity(e);
        }
        if (!o.strip().isEmpty()) {
            e = e.withDetail(strip(e.detail(), o.strip()));
        }
        if (o.coarsenMetres() > 0) {
            e = coarsen(e, o.coarsenMetres());
        }
        return e;
    }

    /** Affiliation and dimension only: {@code a-f-G-U-C-I} becomes {@code a-f-G}, under a pseudonym uid. */
    private CotEvent dropIdentity(CotEvent e) {
        String[] atoms = e.type().value().split("-");
        String type = e.type().isAtom() && atoms.length > 3 ? atoms[0] + "-" + atoms[1] + "-" + atoms[2] : e.type().value();
        Detail kept = Detail.builder().flowTags(e.detail().flowTags()).unknown(secLabels(e.detail()))
                .links(e.type().isA(CotType.DELETE) ? pseudonymousLinks(e.detail().links()) : List.of()).build();
        return e.toBuilder().uid(pseudonym(e.uid())).type(CotType.of(type)).detail(kept).build();
    }

    /** A delete names its item by link uid: the recipient knows that item by its pseudonym. */
    private List<Link> pseudonymousLinks(List<Link> links) {
        List<Link> out = new ArrayList<>();
        for (Link l : links) {
            l.uid().ifPresent(uid -> out.add(new Link(Attributes.of("uid", pseudonym(uid), "relation", "none"))));
        }
        return out;
    }

    private static List<String> secLabels(Detail d) {
        return d.unknown().stream().filter(x -> elementName(x).equals(EventLabels.ELEMENT)).toList();
    }

    /** A stable uid that does not reveal the original: the same unit keeps one track on the map. */
    String pseudonym(String uid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pseudonymKey, "HmacSHA256"));
            byte[] h = mac.doFinal(uid.getBytes(StandardCharsets.UTF_8));
            return "anon-" + HexFormat.of().formatHex(h, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Removes every detail child named in {@code names}: a typed element through the
     * {@link DetailElement} registry, and verbatim elements of that name (a second copy of a
     * well-known element, or one with content the model has no place for, is kept verbatim and
     * must go too).
     */
    static Detail strip(Detail d, Set<String> names) {
        Detail.Builder b = d.toBuilder();
        for (String name : names) {
            DetailElement.named(name).ifPresent(e -> e.removeFrom(b));
        }
        List<String> unknown = new ArrayList<>();
        d.unknown().stream().filter(x -> !names.contains(elementName(x))).forEach(unknown::add);
        return b.unknown(unknown).build();
    }

    /**
     * Snaps the point (and shape vertices in {@code <link point>}) to the centre of its grid cell
     * and raises {@code ce} to at least the cell size; {@code <precisionlocation>} goes, since it
     * says how exact the position was.
     */
    static CotEvent coarsen(CotEvent e, double metres) {
        Point p = e.point();
        double[] c = snap(p.lat(), p.lon(), metres);
        Point coarse = new Point(c[0], c[1], p.hae(), Math.max(p.ce(), metres), p.le());
        List<Link> links = new ArrayList<>();
        for (Link l : e.detail().links()) {
            links.add(l.point().map(pt -> coarsenLink(l, pt, metres)).orElse(l));
        }
        Detail d = e.detail().toBuilder().precisionLocation(null).links(links).build();
        return e.toBuilder().point(coarse).detail(d).build();
    }

    static double[] snap(double lat, double lon, double metres) {
        double latStep = metres / METRES_PER_DEGREE;
        double lat2 = Math.min(90, Math.max(-90, (Math.floor(lat / latStep) + 0.5) * latStep));
        // Longitude cells are sized at the cell's latitude, capped so a polar cell stays a finite size.
        double cos = Math.max(Math.cos(Math.toRadians(lat2)), 0.01);
        double lonStep = metres / (METRES_PER_DEGREE * cos);
        double lon2 = Math.min(180, Math.max(-180, (Math.floor(lon / lonStep) + 0.5) * lonStep));
        return new double[] {lat2, lon2};
    }

    private static Link coarsenLink(Link l, String point, double metres) {
        String[] parts = point.split(",");
        try {
            double[] c = snap(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()), metres);
            java.util.LinkedHashMap<String, String> attrs = new java.util.LinkedHashMap<>(l.attributes().asMap());
            attrs.put("point", c[0] + "," + c[1] + (parts.length > 2 ? "," + parts[2].trim() : ""));
            return new Link(Attributes.of(attrs));
        } catch (RuntimeException notAPoint) {
            return new Link(Attributes.of(withoutPoint(l)));  // unreadable: do not pass an exact vertex through
        }
    }

    private static java.util.Map<String, String> withoutPoint(Link l) {
        java.util.LinkedHashMap<String, String> attrs = new java.util.LinkedHashMap<>(l.attributes().asMap());
        attrs.remove("point");
        return attrs;
    }

    /** The element name of a verbatim detail child: {@code <__video url=...>} is {@code __video}. */
    static String elementName(String xml) {
        int i = 1;
        while (i < xml.length() && " \t\r\n/>".indexOf(xml.charAt(i)) < 0) {
            i++;
        }
        return xml.length() > 1 ? xml.substring(1, i) : "";
    }
}
