package org.kizuna.cot;

import java.time.Instant;
import java.util.Objects;

/**
 * One Cursor-on-Target event as an immutable value.
 *
 * <p>{@code access}, {@code qos}, {@code opex}, {@code caveat} and {@code releasableTo} are the
 * optional event attributes; an absent one is the empty string. Times keep millisecond precision,
 * the precision of the TAK protocol.
 *
 * <pre>{@code
 * CotEvent e = CotEvent.builder("ANDROID-1", "a-f-G-U-C")
 *         .point(Point.of(35.68, 139.76)).times(now, now.plusSeconds(60)).build();
 * }</pre>
 */
public record CotEvent(
        String uid,
        CotType type,
        String how,
        Instant time,
        Instant start,
        Instant stale,
        Point point,
        String access,
        String qos,
        String opex,
        String caveat,
        String releasableTo,
        Detail detail) {

    /** Longest uid we accept; real uids are well under 200 characters. */
    public static final int MAX_UID_LENGTH = 512;

    public CotEvent {
        Objects.requireNonNull(uid, "uid");
        if (uid.isBlank() || uid.length() > MAX_UID_LENGTH) {
            throw new IllegalArgumentException("uid must be non-blank and at most " + MAX_UID_LENGTH + " characters");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stale, "stale");
        if (stale.isBefore(start)) {
            throw new IllegalArgumentException("stale " + stale + " is before start " + start);
        }
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(opex, "opex");
        Objects.requireNonNull(caveat, "caveat");
        Objects.requireNonNull(releasableTo, "releasableTo");
        Objects.requireNonNull(detail, "detail");
    }

    public static Builder builder(String uid, String type) {
        return new Builder(uid, CotType.of(type));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public CotEvent withDetail(Detail newDetail) {
        return toBuilder().detail(newDetail).build();
    }

    /** True when the event has expired at {@code now}. */
    public boolean isStaleAt(Instant now) {
        return !now.isBefore(stale);
    }

    /** Builds a {@link CotEvent}; how defaults to {@code m-g}, the point to 0,0 unknown. */
    public static final class Builder {
        private String uid;
        private CotType type;
        private String how = "m-g";
        private Instant time = Instant.EPOCH;
        private Instant start = Instant.EPOCH;
        private Instant stale = Instant.EPOCH;
        private Point point = Point.NOWHERE;
        private String access = "";
        private String qos = "";
        private String opex = "";
        private String caveat = "";
        private String releasableTo = "";
        private Detail detail = Detail.EMPTY;

        private Builder(String uid, CotType type) {
            this.uid = uid;
            this.type = type;
        }

        private Builder(CotEvent e) {
            uid = e.uid;
            type = e.type;
            how = e.how;
            time = e.time;
            start = e.start;
            stale = e.stale;
            point = e.point;
            access = e.access;
            qos = e.qos;
            opex = e.opex;
            caveat = e.caveat;
            releasableTo = e.releasableTo;
            detail = e.detail;
        }

        public Builder uid(String v) {
            uid = v;
            return this;
        }

        public Builder type(CotType v) {
            type = v;
            return this;
        }

        public Builder how(String v) {
            how = v;
            return this;
        }

        public Builder time(Instant v) {
            time = v;
            return this;
        }

        public Builder start(Instant v) {
            start = v;
            return this;
        }

        public Builder stale(Instant v) {
            stale = v;
            return this;
        }

        /** Sets time and start to {@code now} and stale to {@code staleAt}. */
        public Builder times(Instant now, Instant staleAt) {
            time = now;
            start = now;
            stale = staleAt;
            return this;
        }

        public Builder point(Point v) {
            point = v;
            return this;
        }

        public Builder access(String v) {
            access = v;
            return this;
        }

        public Builder qos(String v) {
            qos = v;
            return this;
        }

        public Builder opex(String v) {
            opex = v;
            return this;
        }

        public Builder caveat(String v) {
            caveat = v;
            return this;
        }

        public Builder releasableTo(String v) {
            releasableTo = v;
            return this;
        }

        public Builder detail(Detail v) {
            detail = v;
            return this;
        }

        public CotEvent build() {
            return new CotEvent(uid, type, how, time, start, stale, point, access, qos, opex, caveat,
                    releasableTo, detail);
        }
    }
}
