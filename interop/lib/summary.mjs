// Turns a received node-cot CoT into the flat record printed with --print and
// matched by --expect-* / --forbid-*.

// node-cot's CoT constructor stamps <_flow-tags_><NodeCoT-x.y.z>now</...> on
// every message it parses, including received ones. Those keys say nothing
// about the server, so they are hidden from the summary.
const OWN_FLOW_TAG = /^NodeCoT-/;

function text(node) {
    if (!node) return null;
    const t = node._text ?? node._cdata;
    if (t === undefined) return null;
    return Array.isArray(t) ? t.join('') : String(t);
}

function asArray(x) {
    if (x === undefined || x === null) return [];
    return Array.isArray(x) ? x : [x];
}

function flowTags(node) {
    if (!node) return {};
    const tags = { ...(node._attributes ?? {}) };
    for (const [key, value] of Object.entries(node)) {
        if (key !== '_attributes') tags[key] = text(value);
    }
    for (const key of Object.keys(tags)) if (OWN_FLOW_TAG.test(key)) delete tags[key];
    return tags;
}

/**
 * @param {import('@tak-ps/node-cot').default} cot
 * @param {'xml'|'protobuf'} format how the event arrived on the wire
 */
export function summarize(cot, format) {
    const event = cot.raw.event;
    const a = event._attributes;
    const p = event.point?._attributes ?? {};
    const d = event.detail ?? {};
    const tags = flowTags(d['_flow-tags_']);

    const summary = {
        format,
        uid: a.uid,
        type: a.type,
        how: a.how ?? null,
        time: a.time,
        start: a.start,
        stale: a.stale,
        lat: Number(p.lat),
        lon: Number(p.lon),
        hae: Number(p.hae),
        ce: Number(p.ce),
        callsign: d.contact?._attributes?.callsign ?? null,
        remarks: text(d.remarks),
        detail: Object.keys(d).filter((k) => k !== '_flow-tags_' || Object.keys(tags).length > 0),
    };
    // the event's own marking attributes, as the server wrote them for this recipient
    for (const key of ['access', 'caveat', 'releasableTo']) if (a[key] !== undefined) summary[key] = a[key];
    if (Object.keys(tags).length) summary.flowTags = tags;
    if (d.__group?._attributes) summary.group = d.__group._attributes;
    if (d.__chat?._attributes) {
        const c = d.__chat._attributes;
        summary.chat = { chatroom: c.chatroom, id: c.id, senderCallsign: c.senderCallsign, messageId: c.messageId };
    }
    const dest = asArray(d.marti?.dest).map((x) => x._attributes ?? {});
    if (dest.length) summary.dest = dest;
    const links = asArray(d.link).map((x) => x._attributes ?? {}).filter((l) => l.uid);
    if (links.length) summary.links = links;
    const takControl = d.TakControl;
    if (takControl) summary.takControl = takControl;
    return summary;
}

/** Record for something the library consumed without handing us a CoT (see README). */
export function synthetic(type, extra = {}) {
    return { format: 'xml', synthetic: true, uid: null, type, ...extra };
}

/**
 * Tracks which --expect-* have been seen and whether a --forbid-* turned up.
 * Each expectation is met by the first event that matches it.
 */
export class Expectations {
    constructor({ uid = [], type = [], chat = [], callsign = [] }, forbid = { uid: [], type: [], chat: [] }) {
        const mk = (kind, value) => ({ kind, value, met: false });
        this.pending = [
            ...uid.map((v) => mk('uid', v)),
            ...type.map((v) => mk('type', v)),
            ...chat.map((v) => mk('chat', v)),
            ...callsign.map((v) => mk('callsign', v)),
        ];
        this.forbid = [
            ...forbid.uid.map((v) => ({ kind: 'uid', value: v })),
            ...forbid.type.map((v) => ({ kind: 'type', value: v })),
            ...forbid.chat.map((v) => ({ kind: 'chat', value: v })),
        ];
    }

    static matches({ kind, value }, s) {
        switch (kind) {
            case 'uid': return s.uid === value;
            case 'type': return s.type === value;
            case 'callsign': return s.callsign === value;
            case 'chat': return typeof s.type === 'string' && s.type.startsWith('b-t-f') && s.remarks === value;
            default: return false;
        }
    }

    /** @returns {string|null} description of the forbidden match, if any */
    observe(summary) {
        for (const e of this.pending) if (!e.met && Expectations.matches(e, summary)) e.met = true;
        const hit = this.forbid.find((f) => Expectations.matches(f, summary));
        return hit ? `${hit.kind}=${JSON.stringify(hit.value)}` : null;
    }

    allMet() { return this.pending.every((e) => e.met); }

    describe(which) {
        return this.pending.filter((e) => e.met === which).map((e) => `${e.kind}=${JSON.stringify(e.value)}`);
    }
}
