// XML CoT session driven by @tak-ps/node-tak 8.9.0's TAK class, so the
// framing, parsing and pinging on this path are the library's own.
import { EventEmitter } from 'node:events';
import tls from 'node:tls';
import TAK from '@tak-ps/node-tak';
import { summarize, synthetic } from './summary.mjs';

/**
 * node-tak 8.9.0 calls tls.connect({host, port, rejectUnauthorized: false, cert, key})
 * and offers no way to pass a CA. To get real server verification during the
 * handshake (before node-tak writes its first ping), tls.connect is wrapped for
 * the one synchronous call that TAK.connect() makes, and restored at once.
 */
function connectVerified(id, url, auth, extra) {
    const original = tls.connect;
    tls.connect = (options, ...rest) =>
        original.call(tls, { ...options, host: options.host.replace(/^\[(.*)\]$/, '$1'), ...extra }, ...rest);
    try {
        return TAK.connect(id, url, auth);
    } finally {
        tls.connect = original;
    }
}

/**
 * Events: 'event' (summary), 'offer' ({serverVersion}), 'close' (Error|null).
 */
export class XmlSession extends EventEmitter {
    mode = 'xml';
    offer = null;
    closing = false;

    /** Resolves once the TLS handshake (including server verification) is done. */
    async connect({ host, port, cert, key, ca, passphrase, id }) {
        const url = new URL(`ssl://${host.includes(':') ? `[${host}]` : host}:${port}`);
        this.tak = await connectVerified(id, url, { cert, key }, { ca, passphrase, rejectUnauthorized: true });
        const tak = this.tak;

        // node-tak appends each chunk with data.toString(); a UTF-8 character split
        // across two TLS records would be mangled. With an encoding set, the socket
        // hands node-tak whole characters (String#toString is the identity).
        tak.client.setEncoding('utf8');

        tak.on('cot', (cot) => {
            const s = summarize(cot, 'xml');
            // node-tak swallows the offer only when it carries TakServerVersionInfo;
            // otherwise it arrives here like any other event.
            if (s.type === 't-x-takp-v') this.#sawOffer({ uid: s.uid, serverVersion: null });
            this.emit('event', s);
        });
        // node-tak consumes t-x-c-t-r pongs itself and emits 'ping' without the CoT.
        tak.on('ping', () => this.emit('event', synthetic('t-x-c-t-r')));
        // Runs after node-tak's own 'data' listener, so tak.version is already set
        // when the chunk held an offer that node-tak swallowed.
        tak.client.on('data', () => {
            if (tak.version && !this.offer) {
                this.#sawOffer({ uid: null, serverVersion: tak.version });
                this.emit('event', synthetic('t-x-takp-v', { serverVersion: tak.version }));
            }
        });

        await new Promise((resolve, reject) => {
            let up = false;
            tak.once('secureConnect', () => { up = true; resolve(); });
            tak.on('error', (err) => (up ? this.#closed(err) : reject(err)));
            tak.client.on('close', () => (up ? this.#closed(null) : reject(new Error('connection closed during TLS handshake'))));
        });
    }

    #sawOffer(offer) {
        if (this.offer) return;
        this.offer = offer;
        this.emit('offer', offer);
    }

    #closed(err) {
        if (this.closing) return;
        this.closing = true;
        this.#stopPings();
        this.emit('close', err);
    }

    #stopPings() {
        clearInterval(this.tak.pingInterval);
        this.tak.pingInterval = undefined;
    }

    send(cot) { this.tak.write([cot]); }

    sendRaw(xml) { this.tak.write_xml(xml); }

    /** Resolves once node-tak's write queue is empty and every write callback has fired. */
    async flush() {
        while (this.tak.queue.length || this.tak.writing) {
            if (this.closing) throw new Error('connection closed before all events were written');
            await new Promise((r) => setTimeout(r, 5));
        }
    }

    /** Half-close (TLS close_notify + FIN) so queued bytes still reach the server. */
    async close() {
        if (this.closing) return;
        this.closing = true;
        this.#stopPings();
        const socket = this.tak.client;
        await new Promise((resolve) => {
            const t = setTimeout(resolve, 2000);
            socket.once('close', () => { clearTimeout(t); resolve(); });
            socket.end();
        });
        this.tak.destroy();
    }
}
