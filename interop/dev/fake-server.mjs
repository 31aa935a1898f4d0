#!/usr/bin/env node
// A deliberately tiny TAK-like server for developing and self-testing
// client.mjs without Kizuna. NOT a reference implementation: it does just
// enough of tak-server.md §2.3-2.5 to exercise the client.
//
// - mutual TLS (client certificate must chain to --ca)
// - sends a t-x-takp-v offer, honours one t-x-takp-q, then speaks 0xbf framing
// - answers t-x-c-t pings with t-x-c-t-r, relays every other event to all
//   other connections, converting between XML and protobuf per recipient
//
// Protobuf is handled with protobufjs and the .proto files shipped in node-cot,
// but not with node-cot's own conversion code, so the self-test checks the
// client's node-cot encoding against the schema rather than against itself.
//
// usage: node dev/fake-server.mjs --cert S.pem --key S.key.pem --ca CA.pem
//          [--port 0] [--no-offer] [--refuse-proto] [--mute] [--garbage-after-switch] [--split-writes]
// Prints "LISTENING <port>" on stdout once bound.
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import protobuf from 'protobufjs';
import { encodeFrame, takeFrame, takeXmlEvent } from '../lib/framing.mjs';

const { values: opt } = parseArgs({
    options: {
        port: { type: 'string', default: '0' },
        cert: { type: 'string' }, key: { type: 'string' }, ca: { type: 'string' },
        'no-offer': { type: 'boolean', default: false },
        'refuse-proto': { type: 'boolean', default: false },
        mute: { type: 'boolean', default: false },
        'garbage-after-switch': { type: 'boolean', default: false },
        'split-writes': { type: 'boolean', default: false },
    },
});

// node-cot's "exports" hide its files; its entry point sits next to lib/proto/.
const cotDist = path.dirname(fileURLToPath(import.meta.resolve('@tak-ps/node-cot')));
const root = await protobuf.load(path.join(cotDist, 'lib', 'proto', 'takmessage.proto'));
const TakMessage = root.lookupType('atakmap.commoncommo.protobuf.v1.TakMessage');

const log = (line) => process.stderr.write(`fake-server: ${line}\n`);
const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const attrsOf = (tag) => Object.fromEntries([...tag.matchAll(/([\w:.-]+)\s*=\s*(["'])(.*?)\2/g)].map((m) => [m[1], m[3]]));

function controlEvent(type, detail, uid = randomUUID()) {
    const now = new Date();
    const stale = new Date(now.getTime() + 60_000);
    return `<event version="2.0" uid="${uid}" type="${type}" how="m-g" time="${now.toISOString()}" ` +
        `start="${now.toISOString()}" stale="${stale.toISOString()}"><point lat="0.0" lon="0.0" hae="0.0" ` +
        `ce="999999" le="999999"/><detail>${detail}</detail></event>`;
}

/** XML event -> TakMessage bytes, putting the whole <detail> into xmlDetail (legal per takproto). */
function xmlToProto(xml) {
    const ev = attrsOf(xml.match(/<event\b[^>]*>/)[0]);
    const pt = attrsOf((xml.match(/<point\b[^>]*>/) ?? ['<point>'])[0]);
    const detail = (xml.match(/<detail>([\s\S]*)<\/detail>/) ?? [null, ''])[1];
    const ms = (s) => new Date(s).getTime();
    return TakMessage.encode({
        cotEvent: {
            type: ev.type, uid: ev.uid, how: ev.how ?? '', access: ev.access ?? '',
            sendTime: ms(ev.time), startTime: ms(ev.start), staleTime: ms(ev.stale),
            lat: Number(pt.lat ?? 0), lon: Number(pt.lon ?? 0), hae: Number(pt.hae ?? 0),
            ce: Number(pt.ce ?? 9999999), le: Number(pt.le ?? 9999999),
            detail: { xmlDetail: detail },
        },
    }).finish();
}

// Detail fields the v1 schema carries outside xmlDetail, and their XML element names.
const STRUCTURED_DETAIL = [['contact', 'contact'], ['group', '__group'], ['precisionLocation', 'precisionlocation'],
    ['status', 'status'], ['takv', 'takv'], ['track', 'track']];

/** TakMessage bytes -> XML event, re-expanding the structured detail fields we need. */
function protoToXml(bytes) {
    const m = TakMessage.toObject(TakMessage.decode(bytes), { longs: Number, defaults: true });
    const e = m.cotEvent;
    if (!e) throw new Error('TakMessage without cotEvent');
    const d = e.detail ?? {};
    let detail = d.xmlDetail ?? '';
    for (const [field, element] of STRUCTURED_DETAIL) {
        if (!d[field]) continue;
        const attrs = Object.entries(d[field]).map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
        detail += `<${element}${attrs}/>`;
    }
    const iso = (n) => new Date(n).toISOString();
    return `<event version="2.0" uid="${esc(e.uid)}" type="${esc(e.type)}" how="${esc(e.how)}" ` +
        `time="${iso(e.sendTime)}" start="${iso(e.startTime)}" stale="${iso(e.staleTime)}">` +
        `<point lat="${e.lat}" lon="${e.lon}" hae="${e.hae}" ce="${e.ce}" le="${e.le}"/>` +
        `<detail>${detail}</detail></event>`;
}

const clients = new Set();

function deliver(client, xml) {
    const bytes = client.mode === 'proto' ? encodeFrame(xmlToProto(xml)) : Buffer.from(xml);
    // --split-writes: cut each message inside its first multi-byte UTF-8
    // character and send the halves 20 ms apart, so they arrive as separate reads.
    // Writes go through a per-client chain so a delayed half never lets the
    // next message overtake it.
    const cut = opt['split-writes'] ? bytes.findIndex((b) => b >= 0xc0) + 1 : 0;
    client.out = client.out.then(async () => {
        if (cut <= 0) return void client.socket.write(bytes);
        client.socket.write(bytes.subarray(0, cut));
        await new Promise((r) => setTimeout(r, 20));
        client.socket.write(bytes.subarray(cut));
    });
}

function onEvent(client, xml) {
    const ev = attrsOf(xml.match(/<event\b[^>]*>/)?.[0] ?? '');
    log(`${client.name} ${client.mode} -> ${ev.type} ${ev.uid}`);
    if (ev.type === 't-x-takp-q' && client.mode === 'xml') {
        const ok = !opt['refuse-proto'] && /<TakRequest[^>]*version=["']1["']/.test(xml);
        const response = controlEvent('t-x-takp-r', `<TakControl><TakResponse status="${ok}"/></TakControl>`);
        client.out = client.out.then(() => {
            client.socket.write(response);
            if (ok && opt['garbage-after-switch']) client.socket.write('\n<event/>');
        });
        if (ok) client.mode = 'proto';
        return;
    }
    if (ev.type === 't-x-c-t') {
        const pong = controlEvent('t-x-c-t-r', '', 'takPong');
        return deliver(client, pong);
    }
    if (opt.mute) return;
    for (const other of clients) if (other !== client) deliver(other, xml);
}

function onData(client, chunk) {
    client.buf = Buffer.concat([client.buf, chunk]);
    try {
        for (;;) {
            if (client.mode === 'proto') {
                const f = takeFrame(client.buf);
                if (!f) return;
                client.buf = f.rest;
                onEvent(client, protoToXml(f.payload));
            } else {
                const e = takeXmlEvent(client.buf);
                if (!e) return;
                client.buf = e.rest;
                onEvent(client, e.xml);
            }
        }
    } catch (err) {
        log(`${client.name}: ${err.message}; closing`);
        client.socket.destroy();
    }
}

const server = tls.createServer({
    cert: fs.readFileSync(opt.cert), key: fs.readFileSync(opt.key), ca: fs.readFileSync(opt.ca),
    requestCert: true, rejectUnauthorized: true,
}, (socket) => {
    const client = { socket, mode: 'xml', buf: Buffer.alloc(0), out: Promise.resolve(), name: socket.getPeerCertificate().subject?.CN ?? '?' };
    clients.add(client);
    log(`${client.name} connected`);
    if (!opt['no-offer']) {
        socket.write(controlEvent('t-x-takp-v',
            '<TakControl><TakProtocolSupport version="1"/><TakServerVersionInfo serverVersion="fake-0.1" apiVersion="3"/></TakControl>'));
    }
    socket.on('data', (chunk) => onData(client, chunk));
    socket.on('error', (err) => log(`${client.name}: ${err.message}`));
    socket.on('close', () => { clients.delete(client); log(`${client.name} disconnected`); });
});
server.on('tlsClientError', (err) => log(`TLS client rejected: ${err.message}`));
server.listen(Number(opt.port), '127.0.0.1', () => process.stdout.write(`LISTENING ${server.address().port}\n`));
