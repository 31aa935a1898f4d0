// TAK protocol v1 session over a plain tls.connect socket.
//
// node-tak 8.9.0 cannot negotiate: its 'data' handler only ever looks for
// </event> in a string buffer and always writes XML. So this session does the
// negotiation itself (tak-server.md §2.5) and frames the stream itself
// (lib/framing.mjs), while every TakMessage payload, both ways, is encoded and
// decoded by node-cot (CoT#to_proto / CoT.from_proto).
import { EventEmitter } from 'node:events';
import tls from 'node:tls';
import CoT from '@tak-ps/node-cot';
import { encodeFrame, takeFrame, takeXmlEvent } from './framing.mjs';
import { protocolRequest } from './cot-build.mjs';
import { summarize } from './summary.mjs';

export class ProtocolError extends Error {}

const PROTO_VERSION = '1';

function supportedVersions(cot) {
    const support = cot.raw.event.detail?.TakControl?.TakProtocolSupport;
    return (Array.isArray(support) ? support : support ? [support] : [])
        .map((s) => String(s._attributes?.version));
}

/**
 * Phases: 'offer' (waiting for t-x-takp-v) -> 'response' (t-x-takp-q sent,
 * waiting for t-x-takp-r) -> 'proto'. XML events that arrive before the
 * switch are still reported as events.
 *
 * Events: 'event' (summary), 'offer' ({uid, serverVersion, versions}),
 * 'negotiated', 'close' (Error|null).
 */
export class ProtoSession extends EventEmitter {
    mode = 'protobuf';
    phase = 'offer';
    offer = null;
    closing = false;
    #buf = Buffer.alloc(0);

    /** Resolves once the TLS handshake (including server verification) is done. */
    connect({ host, port, cert, key, ca, passphrase }) {
        return new Promise((resolve, reject) => {
            let up = false;
            this.socket = tls.connect({ host, port, cert, key, ca, passphrase, rejectUnauthorized: true });
            this.socket.setNoDelay();
            this.socket.once('secureConnect', () => { up = true; resolve(); });
            this.socket.on('data', (chunk) => this.#onData(chunk));
            this.socket.on('error', (err) => (up ? this.#closed(err) : reject(err)));
            this.socket.on('close', () => (up ? this.#closed(null) : reject(new Error('connection closed during TLS handshake'))));
        });
    }

    /** Resolves when the server has answered t-x-takp-r status=true. */
    negotiated() {
        if (this.phase === 'proto') return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.once('negotiated', resolve);
            this.once('close', (err) => reject(err ?? new Error(`connection closed while waiting for ${this.waitingFor()}`)));
        });
    }

    waitingFor() {
        return { offer: 't-x-takp-v offer', response: 't-x-takp-r response', proto: 'nothing' }[this.phase];
    }

    #onData(chunk) {
        this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
        try {
            // The phase can change in the middle of a chunk: the bytes right
            // after the </event> of t-x-takp-r are already binary frames.
            for (;;) {
                if (this.phase === 'proto') {
                    const frame = takeFrame(this.#buf);
                    if (!frame) return;
                    this.#buf = frame.rest;
                    this.#onFrame(frame.payload);
                } else {
                    const ev = takeXmlEvent(this.#buf);
                    if (!ev) return;
                    this.#buf = ev.rest;
                    this.#onXml(ev.xml);
                }
            }
        } catch (err) {
            this.#fail(err instanceof ProtocolError ? err : new ProtocolError(err.message));
        }
    }

    #onXml(xml) {
        let cot;
        try {
            cot = new CoT(xml);
        } catch (err) {
            throw new ProtocolError(`unparseable XML event before the protocol switch: ${err.message}`);
        }
        const type = cot.type();
        if (type === 't-x-takp-v' && this.phase === 'offer') {
            const info = cot.raw.event.detail?.TakControl?.TakServerVersionInfo?._attributes ?? {};
            this.offer = { uid: cot.uid(), serverVersion: info.serverVersion ?? null, versions: supportedVersions(cot) };
            this.emit('event', summarize(cot, 'xml'));
            this.emit('offer', this.offer);
            if (!this.offer.versions.includes(PROTO_VERSION)) {
                throw new ProtocolError(`server offers TAK protocol ${JSON.stringify(this.offer.versions)}, not version 1`);
            }
            // After the request no more XML may be sent (§2.5), so it is written
            // directly rather than queued behind anything.
            this.socket.write(protocolRequest(this.offer.uid, PROTO_VERSION).to_xml());
            this.phase = 'response';
        } else if (type === 't-x-takp-r' && this.phase === 'response') {
            this.emit('event', summarize(cot, 'xml'));
            const status = cot.raw.event.detail?.TakControl?.TakResponse?._attributes?.status;
            if (String(status) !== 'true') {
                throw new ProtocolError(`server refused TAK protocol v1 (t-x-takp-r status=${status})`);
            }
            this.phase = 'proto';
            this.emit('negotiated');
        } else {
            this.emit('event', summarize(cot, 'xml'));
        }
    }

    #onFrame(payload) {
        let cot;
        try {
            cot = CoT.from_proto(payload);
        } catch (err) {
            // A TakMessage may legally carry only takControl; node-cot 12.x
            // refuses those ("No cotEvent Data"). Note it and carry on.
            if (/No cotEvent/.test(err.message)) {
                process.stderr.write(`interop: received a TakMessage without cotEvent (${payload.length} bytes)\n`);
                return;
            }
            throw new ProtocolError(`node-cot could not decode a ${payload.length}-byte TakMessage: ${err.message}`);
        }
        this.emit('event', summarize(cot, 'protobuf'));
    }

    #fail(err) {
        if (this.closing) return;
        this.socket.destroy();
        this.#closed(err);
    }

    #closed(err) {
        if (this.closing) return;
        this.closing = true;
        this.emit('close', err);
    }

    send(cot) {
        if (this.phase !== 'proto') throw new Error('send before TAK protocol v1 was negotiated');
        this.socket.write(encodeFrame(cot.to_proto(1)));
    }

    sendRaw() {
        throw new Error('--send-raw sends XML, which is not allowed after switching to protobuf');
    }

    /** A zero-length write's callback fires after every earlier write was flushed. */
    flush() {
        return new Promise((resolve, reject) => {
            if (this.closing) return reject(new Error('connection closed before all events were written'));
            this.socket.write('', (err) => (err ? reject(err) : resolve()));
        });
    }

    async close() {
        if (this.closing) return;
        this.closing = true;
        await new Promise((resolve) => {
            const t = setTimeout(resolve, 2000);
            this.socket.once('close', () => { clearTimeout(t); resolve(); });
            this.socket.end();
        });
        this.socket.destroy();
    }
}
