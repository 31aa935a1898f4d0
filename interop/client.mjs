#!/usr/bin/env node
// Scriptable third-party TAK client for Kizuna's integration tests, built on
// @tak-ps/node-tak (XML streaming) and @tak-ps/node-cot (CoT XML and protobuf).
// Run with --help for usage; README.md has the output and exit-code contract.
import { parseOptions, UsageError, USAGE } from './lib/options.mjs';
import { Expectations } from './lib/summary.mjs';
import { allChat, cotFromFile, ping, pli } from './lib/cot-build.mjs';
import { XmlSession } from './lib/xml-session.mjs';
import { ProtoSession, ProtocolError } from './lib/proto-session.mjs';
import fs from 'node:fs';
import readline from 'node:readline';
import CoT from '@tak-ps/node-cot';

const EXIT = { OK: 0, EXPECTATIONS: 1, USAGE: 2, CONNECTION: 3, FORBIDDEN: 4, PROTOCOL: 5 };

/** How long READY waits for the server's t-x-takp-v offer in XML mode (see README). */
const OFFER_WAIT_MS = 3000;

const out = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`interop: ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// OpenSSL verification results Node reports as err.code when the server's
// certificate fails against --ca (hostname mismatches are ERR_TLS_CERT_ALTNAME_INVALID).
const CERT_ERRORS = /^(ERR_TLS_CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|CERT_|INVALID_CA|HOSTNAME_MISMATCH)/;

function describeError(err) {
    if (!err.code) return err.message;
    const what = CERT_ERRORS.test(err.code) ? 'server certificate rejected: ' : '';
    return `${what}${err.code}: ${err.message}`;
}

/** Everything to send, built before connecting so a bad file fails fast with exit 2. */
function buildOutgoing(opts) {
    const items = [];
    const who = { uid: opts.uid, callsign: opts.callsign };
    if (opts.pli) items.push({ cot: pli({ ...who, ...opts.pli }) });
    for (const file of opts.send) {
        try {
            items.push({ cot: cotFromFile(file) });
        } catch (err) {
            throw new UsageError(`--send ${file}: node-cot cannot parse it: ${err.message}`);
        }
    }
    for (const file of opts.sendRaw) items.push({ raw: fs.readFileSync(file, 'utf8') });
    for (const text of opts.chats) items.push({ cot: allChat({ ...who, text, ...(opts.pli ?? {}) }) });
    return items;
}

class Run {
    stage = 'connecting';
    received = 0;
    sent = false;
    done = false;
    ready = false;
    lingering = false;
    seenUids = new Set();
    releaseSend = null;
    startedAt = Date.now();

    constructor(opts) {
        this.opts = opts;
        this.expectations = new Expectations(opts.expect, opts.forbid);
        // The first outcome wins: timeout, server close, forbidden event or success.
        this.result = new Promise((resolve) => {
            this.finish = (code, message) => {
                if (this.done) return;
                this.done = true;
                resolve({ code, message });
            };
        });
    }

    elapsed() { return `${((Date.now() - this.startedAt) / 1000).toFixed(2)}s`; }

    missing() {
        const m = this.expectations.describe(false);
        if (m.length) return `not received: ${m.join(', ')}`;
        return this.expectations.pending.length ? 'all expectations were met' : 'nothing was expected';
    }

    async execute() {
        const { opts } = this;
        const outgoing = buildOutgoing(opts);
        this.deadline = setTimeout(() => this.onTimeout(), opts.timeout * 1000);
        this.flow(outgoing).catch((err) => this.onError(err));
        const { code, message } = await this.result;
        clearTimeout(this.deadline);
        clearTimeout(this.lingerTimer);
        if (code === EXIT.OK) out(`OK ${message}`);
        else process.stderr.write(`FAIL ${message}\n`);
        if (this.session) await this.session.close().catch(() => {});
        return code;
    }

    async flow(outgoing) {
        const { opts } = this;
        const session = opts.protobuf ? new ProtoSession() : new XmlSession();
        this.session = session;
        session.on('event', (s) => this.onEvent(s));
        session.on('close', (err) => this.onClose(err));

        await session.connect({ ...opts, id: opts.uid });
        if (this.done) return;
        note(`TLS up to ${opts.host}:${opts.port}, server certificate verified against --ca`);

        if (opts.protobuf) {
            this.stage = 'negotiating';
            await session.negotiated();
            if (this.done) return;
            note(`negotiated TAK protocol v1 (offer uid ${session.offer.uid})`);
            // node-tak pings as soon as it connects; do the same here so pongs
            // (--expect-type t-x-c-t-r) behave alike in both modes.
            session.send(ping(opts.uid));
        } else {
            this.stage = 'waiting for the offer';
            if (!session.offer) await Promise.race([new Promise((r) => session.once('offer', r)), sleep(OFFER_WAIT_MS)]);
            if (this.done) return;
            if (!session.offer) note(`no t-x-takp-v offer within ${OFFER_WAIT_MS} ms; going on without it`);
        }
        this.ready = true;
        out(`READY mode=${session.mode} uid=${opts.uid} callsign=${opts.callsign} ` +
            `serverVersion=${JSON.stringify(session.offer?.serverVersion ?? null)}`);

        if (opts.sendAfterUid && !this.seenUids.has(opts.sendAfterUid)) {
            this.stage = `waiting for ${opts.sendAfterUid} before sending`;
            await new Promise((resolve) => { this.releaseSend = resolve; });
            if (this.done) return;
        }
        this.stage = 'sending';
        for (const item of outgoing) {
            if (item.raw !== undefined) session.sendRaw(item.raw);
            else session.send(item.cot);
        }
        await session.flush();
        if (this.done) return;
        out(`SENT ${outgoing.length}`);
        this.sent = true;
        if (opts.steps) {
            await this.steps(session);
            return;
        }
        this.stage = 'waiting for expectations';
        this.check();
    }

    /**
     * --steps: what the test driving this client says, one line at a time, each written before
     * the next is read, so "STEP n sent" tells the driver that the server has been handed it.
     */
    async steps(session) {
        clearTimeout(this.deadline);
        this.stage = 'running steps';
        let sends = 0;
        const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of lines) {
            if (this.done) return;
            const [verb, ...rest] = line.split(' ');
            if (verb === 'close') break;
            if (verb !== 'send') {
                this.finish(EXIT.USAGE, `unknown step ${JSON.stringify(verb)} (send XML | close)`);
                return;
            }
            const xml = rest.join(' ');
            if (session.mode === 'xml') {
                session.sendRaw(xml);
            } else {
                let cot;
                try {
                    cot = new CoT(xml);
                } catch (err) {
                    this.finish(EXIT.USAGE, `step ${sends + 1}: node-cot cannot parse it: ${err.message}`);
                    return;
                }
                session.send(cot);
            }
            await session.flush();
            if (this.done) return;
            out(`STEP ${++sends} sent`);
        }
        this.finish(EXIT.OK, `${sends} steps sent; ${this.received} events received`);
    }

    onEvent(summary) {
        this.received++;
        this.seenUids.add(summary.uid);
        if (this.releaseSend && summary.uid === this.opts.sendAfterUid) this.releaseSend();
        if (this.opts.print) out(JSON.stringify(summary));
        const forbidden = this.expectations.observe(summary);
        if (forbidden) {
            this.finish(EXIT.FORBIDDEN, `forbidden event received: ${forbidden} (uid=${summary.uid}, type=${summary.type}) after ${this.elapsed()}`);
            return;
        }
        this.check();
    }

    check() {
        if (!this.sent || this.opts.steps || this.lingering || !this.expectations.allMet()) return;
        const met = this.expectations.describe(true);
        const what = met.length ? `all expectations met (${met.join(', ')})` : `sent, no expectations`;
        const message = `${what} after ${this.elapsed()}; ${this.received} events received`;
        if (this.opts.linger === 0) {
            this.finish(EXIT.OK, message);
            return;
        }
        this.lingering = true;
        this.stage = 'lingering';
        clearTimeout(this.deadline);
        note(`${what}; listening ${this.opts.linger}s more`);
        this.lingerTimer = setTimeout(() => this.finish(EXIT.OK, `${message} (+${this.opts.linger}s linger, nothing forbidden)`),
            this.opts.linger * 1000);
    }

    onClose(err) {
        const why = err ? describeError(err) : 'server closed the connection';
        const code = err instanceof ProtocolError ? EXIT.PROTOCOL : EXIT.CONNECTION;
        // Under TLS 1.3 the client finishes its handshake before the server has
        // checked the client certificate, so a rejection arrives as a close/reset.
        const hint = this.ready || code === EXIT.PROTOCOL ? '' : ' (before READY: was the client certificate rejected?)';
        this.finish(code, `${why} while ${this.stage} after ${this.elapsed()}${hint}; ${this.missing()}`);
    }

    onError(err) {
        if (err instanceof UsageError) return this.finish(EXIT.USAGE, err.message);
        if (err instanceof ProtocolError) return this.finish(EXIT.PROTOCOL, `${err.message} after ${this.elapsed()}`);
        this.finish(EXIT.CONNECTION, `${describeError(err)} while ${this.stage} after ${this.elapsed()}`);
    }

    onTimeout() {
        const t = `${this.opts.timeout}s`;
        switch (this.stage) {
            case 'connecting':
                return this.finish(EXIT.CONNECTION, `no TLS connection to ${this.opts.host}:${this.opts.port} within ${t}`);
            case 'negotiating':
                return this.finish(EXIT.PROTOCOL, `no ${this.session.waitingFor()} within ${t}`);
            case 'sending':
                return this.finish(EXIT.CONNECTION, `could not write all events within ${t}`);
            default:
                return this.finish(EXIT.EXPECTATIONS, `timeout after ${t}; ${this.missing()}; ${this.received} events received`);
        }
    }
}

async function main(argv) {
    let opts;
    try {
        opts = parseOptions(argv);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`FAIL usage: ${err.message}\n\n${USAGE}`);
        return EXIT.USAGE;
    }
    if (opts.help) {
        out(USAGE);
        return EXIT.OK;
    }
    // Last resort so a test never hangs on this process, whatever is left open. Steps end with
    // the driver's input instead: a driver that dies closes it.
    if (!opts.steps) setTimeout(() => {
        process.stderr.write('FAIL internal: client did not finish in time\n');
        process.exit(70);
    }, (opts.timeout + opts.linger + 10) * 1000).unref();

    try {
        return await new Run(opts).execute();
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`FAIL usage: ${err.message}\n`);
        return EXIT.USAGE;
    }
}

// node-tak leaves a ping interval and sockets behind on some paths; exit explicitly.
main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
        process.stderr.write(`FAIL internal: ${err.stack ?? err}\n`);
        process.exit(70);
    },
);
