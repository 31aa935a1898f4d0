// Builds the CoT this client sends, always through node-cot's object model so
// that what reaches the server is what node-cot 12.x really produces.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import CoT, { DirectChat } from '@tak-ps/node-cot';

export const SELF_TYPE = 'a-f-G-U-C';
export const ALL_CHAT_ROOMS = 'All Chat Rooms';

const FIVE_MINUTES = 5 * 60 * 1000;
const ONE_DAY = 24 * 60 * 60 * 1000;

function times(staleAfterMs) {
    const now = Date.now();
    return {
        time: new Date(now).toISOString(),
        start: new Date(now).toISOString(),
        stale: new Date(now + staleAfterMs).toISOString(),
    };
}

/** A fixture file, re-timed so the server neither drops it as stale nor stores it as history. */
export function cotFromFile(file) {
    const cot = new CoT(fs.readFileSync(file, 'utf8'));
    Object.assign(cot.raw.event._attributes, times(FIVE_MINUTES));
    return cot;
}

/** Own position report in the shape ATAK sends (contact, __group, takv, uid/Droid). */
export function pli({ uid, callsign, lat, lon }) {
    return new CoT({
        event: {
            _attributes: { version: '2.0', uid, type: SELF_TYPE, how: 'm-g', ...times(FIVE_MINUTES) },
            point: { _attributes: { lat: String(lat), lon: String(lon), hae: '0.0', ce: '10.0', le: '9999999.0' } },
            detail: {
                contact: { _attributes: { callsign, endpoint: '*:-1:stcp' } },
                __group: { _attributes: { name: 'Cyan', role: 'Team Member' } },
                takv: { _attributes: { platform: 'kizuna-interop', version: '1', device: 'node-tak', os: process.version } },
                uid: { _attributes: { Droid: callsign } },
            },
        },
    });
}

/**
 * GeoChat to "All Chat Rooms". node-cot's DirectChat gives the __chat/chatgrp
 * skeleton; the fields it gets differently from ATAK (compare
 * testdata/cot/geochat-all.xml) are then set the ATAK way: the event uid ends
 * in the messageId, the link carries the sender's own type, remarks@source is
 * "BAO.F.ATAK.<uid>", the point is the sender's position and stale is a day.
 * ATAK's <__serverdestination> is left out: it names the sender's own IP,
 * which this client has no honest value for.
 */
export function allChat({ uid, callsign, text, lat = 0, lon = 0 }) {
    const messageId = randomUUID();
    const chat = new DirectChat({
        from: { uid, callsign },
        to: { uid: ALL_CHAT_ROOMS, callsign: ALL_CHAT_ROOMS },
        chatroom: ALL_CHAT_ROOMS,
        message: text,
        messageId,
    });
    const event = chat.raw.event;
    Object.assign(event._attributes, times(ONE_DAY));
    chat.uid(`GeoChat.${uid}.${ALL_CHAT_ROOMS}.${messageId}`);
    event.point._attributes = { lat: String(lat), lon: String(lon), hae: '0.0', ce: '9999999.0', le: '9999999.0' };
    event.detail.link = { _attributes: { uid, type: SELF_TYPE, relation: 'p-p' } };
    event.detail.remarks._attributes = { source: `BAO.F.ATAK.${uid}`, to: ALL_CHAT_ROOMS, time: event._attributes.time };
    return chat;
}

/** t-x-c-t, which the server answers with a t-x-c-t-r pong. */
export function ping(uid) {
    const cot = CoT.ping();
    cot.uid(`${uid}-ping`);
    return cot;
}

/**
 * The t-x-takp-q protocol request (tak-server.md §2.5). It reuses the offer's
 * uid. node-cot stamps a <_flow-tags_> on every CoT it builds; it is removed
 * here so the control message carries exactly TakControl/TakRequest.
 */
export function protocolRequest(offerUid, version = '1') {
    const cot = new CoT({
        event: {
            _attributes: { version: '2.0', uid: offerUid, type: 't-x-takp-q', how: 'm-g', ...times(60 * 1000) },
            point: { _attributes: { lat: '0.0', lon: '0.0', hae: '0.0', ce: '999999', le: '999999' } },
            detail: { TakControl: { TakRequest: { _attributes: { version } } } },
        },
    });
    delete cot.raw.event.detail['_flow-tags_'];
    return cot;
}
