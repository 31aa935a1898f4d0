package org.kizuna.cot.proto;

import org.kizuna.cot.proto.wire.TakProtocol;

/**
 * The fields of a protobuf {@code CotEvent} as read off the wire, before any check: strings are ""
 * when absent, as in proto3. {@link TakWireReader} produces it straight from bytes; {@link #of}
 * from generated messages, so that both reach the model through the same conversion.
 */
record WireEvent(String type, String access, String qos, String opex, String uid, long sendTime, long startTime,
                 long staleTime, String how, double lat, double lon, double hae, double ce, double le,
                 WireDetail detail, String caveat, String releaseableTo) {

    static final WireEvent EMPTY = new WireEvent("", "", "", "", "", 0, 0, 0, "", 0, 0, 0, 0, 0, null, "", "");

    static WireEvent of(TakProtocol.CotEvent e) {
        return new WireEvent(e.getType(), e.getAccess(), e.getQos(), e.getOpex(), e.getUid(), e.getSendTime(),
                e.getStartTime(), e.getStaleTime(), e.getHow(), e.getLat(), e.getLon(), e.getHae(), e.getCe(),
                e.getLe(), e.hasDetail() ? WireDetail.of(e.getDetail()) : null, e.getCaveat(), e.getReleaseableTo());
    }
}
