package org.kizuna.cot.proto;

import org.kizuna.cot.proto.wire.TakProtocol;

/**
 * The fields of a protobuf {@code Detail} as read off the wire; a typed part is null when its
 * message was absent ({@code battery} null when there was no {@code Status}).
 */
record WireDetail(String xmlDetail, Contact contact, Group group, PrecisionLocation precisionLocation,
                  Integer battery, Takv takv, Track track) {

    static final WireDetail EMPTY = new WireDetail("", null, null, null, null, null, null);

    record Contact(String endpoint, String callsign) {
        static final Contact EMPTY = new Contact("", "");
    }

    record Group(String name, String role) {
        static final Group EMPTY = new Group("", "");
    }

    record PrecisionLocation(String geopointsrc, String altsrc) {
        static final PrecisionLocation EMPTY = new PrecisionLocation("", "");
    }

    record Takv(String device, String platform, String os, String version) {
        static final Takv EMPTY = new Takv("", "", "", "");
    }

    record Track(double speed, double course) {
        static final Track EMPTY = new Track(0, 0);
    }

    static WireDetail of(TakProtocol.Detail d) {
        return new WireDetail(d.getXmlDetail(),
                d.hasContact() ? new Contact(d.getContact().getEndpoint(), d.getContact().getCallsign()) : null,
                d.hasGroup() ? new Group(d.getGroup().getName(), d.getGroup().getRole()) : null,
                d.hasPrecisionLocation() ? new PrecisionLocation(d.getPrecisionLocation().getGeopointsrc(),
                        d.getPrecisionLocation().getAltsrc()) : null,
                d.hasStatus() ? d.getStatus().getBattery() : null,
                d.hasTakv() ? new Takv(d.getTakv().getDevice(), d.getTakv().getPlatform(), d.getTakv().getOs(),
                        d.getTakv().getVersion()) : null,
                d.hasTrack() ? new Track(d.getTrack().getSpeed(), d.getTrack().getCourse()) : null);
    }
}
