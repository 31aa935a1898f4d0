// End-to-end self-test of client.mjs against dev/fake-server.mjs over real
// mutual TLS on loopback, with a throwaway PKI from dev/make-certs.sh.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const fixtures = path.join(root, 'test', 'fixtures');
const children = new Set();
let pki;

before(() => {
    pki = fs.mkdtempSync(path.join(os.tmpdir(), 'interop-pki-'));
    execFileSync('bash', [path.join(root, 'dev', 'make-certs.sh'), pki]);
});

after(() => {
    for (const c of children) c.kill();
    fs.rmSync(pki, { recursive: true, force: true });
});

const p = (name) => path.join(pki, name);

function spawnNode(args, { stdin = 'ignore' } = {}) {
    const child = spawn(process.execPath, args, { cwd: root, stdio: [stdin, 'pipe', 'pipe'] });
    children.add(child);
    child.stdoutText = '';
    child.stderrText = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { child.stdoutText += d; child.emit('stdout'); });
    child.stderr.setEncoding('utf8').on('data', (d) => { child.stderrText += d; });
    child.exited = new Promise((resolve) => child.on('exit', (code) => {
        children.delete(child);
        resolve({ code, stdout: child.stdoutText, stderr: child.stderrText });
    }));
    return child;
}

function waitForLine(child, pattern) {
    return new Promise((resolve, reject) => {
        const check = () => {
            const m = child.stdoutText.match(pattern);
            if (m) { child.off('stdout', check); resolve(m); }
        };
        child.on('stdout', check);
        child.exited.then((r) => reject(new Error(`exited ${r.code} before ${pattern}: ${r.stderr}`)));
        check();
    });
}

async function fakeServer(...flags) {
    const cert = flags.includes('--wronghost') ? 'wronghost' : 'server';
    const server = spawnNode(['dev/fake-server.mjs', '--port', '0', '--cert', p(`${cert}.pem`),
        '--key', p(`${cert}.key.pem`), '--ca', p('ca.pem'), ...flags.filter((f) => f !== '--wronghost')]);
    const [, port] = await waitForLine(server, /LISTENING (\d+)/);
    return { port, stop: () => server.kill() };
}

function client(port, args, { who = 'client', ca = 'ca.pem', stdin } = {}) {
    return spawnNode(['client.mjs', '--port', String(port), '--cert', p(`${who}.pem`),
        '--key', p(`${who}.key.pem`), '--ca', p(ca), ...args], { stdin });
}

const run = (port, args, opts) => client(port, args, opts).exited;

const events = (stdout) => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

/** A listener that is READY, then a sender; returns both results. */
async function relay(listenerArgs, senderArgs, flags = []) {
    const server = await fakeServer(...flags);
    try {
        const listener = client(server.port, ['--print', '--timeout', '15', ...listenerArgs]);
        await waitForLine(listener, /^READY /m);
        const sender = await run(server.port, ['--timeout', '15', ...senderArgs]);
        return { sender, listener: await listener.exited };
    } finally {
        server.stop();
    }
}

const CHAT = '道路は封鎖 - use bridge 3';
const sendAll = ['--callsign', 'SENDER', '--send-pli', '35.7,139.3',
    '--send', path.join(fixtures, 'air-friendly.xml'), '--send-chat', CHAT];
const expectAll = ['--expect-uid', 'JPN-MSDF-P1-5504', '--expect-type', 'a-f-A-M-F-P',
    '--expect-chat', CHAT, '--expect-callsign', 'SENDER'];

for (const [name, lmode, smode, wire] of [
    ['XML to XML', [], [], 'xml'],
    ['protobuf to protobuf', ['--protobuf'], ['--protobuf'], 'protobuf'],
    ['XML sender to protobuf listener', ['--protobuf'], [], 'protobuf'],
]) {
    test(`${name}: PLI, file and GeoChat arrive`, async () => {
        const { sender, listener } = await relay([...lmode, ...expectAll], [...smode, ...sendAll]);
        assert.equal(sender.code, 0, sender.stderr);
        assert.match(sender.stdout, /^SENT 3$/m);
        assert.equal(listener.code, 0, listener.stderr);
        assert.match(listener.stdout, /^OK all expectations met/m);
        const got = events(listener.stdout);
        const chat = got.find((e) => e.type === 'b-t-f');
        assert.equal(chat.format, wire);
        assert.equal(chat.remarks, CHAT);
        assert.equal(chat.chat.chatroom, 'All Chat Rooms');
        assert.equal(chat.chat.senderCallsign, 'SENDER');
        assert.match(chat.uid, /^GeoChat\.interop-[0-9a-f]+\.All Chat Rooms\.[0-9a-f-]{36}$/);
        assert.ok(chat.uid.endsWith(chat.chat.messageId));
        const marker = got.find((e) => e.uid === 'JPN-MSDF-P1-5504');
        assert.equal(marker.callsign, 'SEAHAWK 11');
        assert.ok(Date.parse(marker.stale) - Date.parse(marker.time) === 5 * 60 * 1000, 'stale re-timed to +5 min');
        if (lmode.length) {
            assert.ok(got.some((e) => e.type === 't-x-takp-r' && e.takControl.TakResponse._attributes.status === 'true'));
        }
    });
}

test('a UTF-8 character split across two reads survives in both modes', async () => {
    for (const mode of [[], ['--protobuf']]) {
        const { listener } = await relay([...mode, '--expect-chat', CHAT], sendAll, ['--split-writes']);
        assert.equal(listener.code, 0, listener.stderr);
    }
});

test('server pongs are visible in both modes', async () => {
    const server = await fakeServer();
    try {
        for (const mode of [[], ['--protobuf']]) {
            const r = await run(server.port, [...mode, '--expect-type', 't-x-c-t-r', '--timeout', '10']);
            assert.equal(r.code, 0, r.stderr);
        }
    } finally {
        server.stop();
    }
});

test('missing events time out with exit 1 and a list of what is missing', async () => {
    const server = await fakeServer();
    try {
        const started = Date.now();
        const r = await run(server.port, ['--expect-uid', 'never-sent', '--expect-chat', 'nope', '--timeout', '1.5']);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /FAIL timeout after 1.5s; not received: uid="never-sent", chat="nope"/);
        assert.ok(Date.now() - started < 8000);
    } finally {
        server.stop();
    }
});

test('a forbidden event fails with exit 4; a quiet linger passes', async () => {
    const { listener } = await relay(['--forbid-uid', 'JPN-MSDF-P1-5504', '--linger', '5'], sendAll);
    assert.equal(listener.code, 4, listener.stderr);
    assert.match(listener.stderr, /forbidden event received: uid="JPN-MSDF-P1-5504"/);

    const quiet = await relay(['--forbid-type', 'a-h-G', '--linger', '1', '--expect-uid', 'JPN-MSDF-P1-5504'], sendAll);
    assert.equal(quiet.listener.code, 0, quiet.listener.stderr);
    assert.match(quiet.listener.stdout, /\+1s linger, nothing forbidden/);
});

test('server certificate must chain to --ca and match --host', async () => {
    const server = await fakeServer();
    try {
        const r = await run(server.port, ['--timeout', '5'], { ca: 'rogue-ca.pem' });
        assert.equal(r.code, 3);
        assert.match(r.stderr, /FAIL .*(UNABLE_TO_VERIFY|SELF_SIGNED|unable to verify)/i);
        const p2 = await run(server.port, ['--timeout', '5', '--protobuf'], { ca: 'rogue-ca.pem' });
        assert.equal(p2.code, 3);
    } finally {
        server.stop();
    }
    const wrong = await fakeServer('--wronghost');
    try {
        for (const mode of [[], ['--protobuf']]) {
            const r = await run(wrong.port, ['--timeout', '5', ...mode]);
            assert.equal(r.code, 3);
            assert.match(r.stderr, /ERR_TLS_CERT_ALTNAME_INVALID/);
        }
    } finally {
        wrong.stop();
    }
});

test('a client certificate the server does not trust ends in exit 3', async () => {
    const server = await fakeServer();
    try {
        for (const mode of [[], ['--protobuf']]) {
            const r = await run(server.port, ['--timeout', '5', '--expect-type', 't-x-c-t-r', ...mode], { who: 'rogue-client' });
            assert.equal(r.code, 3, r.stderr);
        }
    } finally {
        server.stop();
    }
});

test('protocol failures exit 5: refusal, no offer, bad framing', async () => {
    const refuse = await fakeServer('--refuse-proto');
    try {
        const r = await run(refuse.port, ['--protobuf', '--timeout', '5']);
        assert.equal(r.code, 5);
        assert.match(r.stderr, /refused TAK protocol v1 \(t-x-takp-r status=false\)/);
    } finally {
        refuse.stop();
    }
    const silent = await fakeServer('--no-offer');
    try {
        const r = await run(silent.port, ['--protobuf', '--timeout', '1.5']);
        assert.equal(r.code, 5);
        assert.match(r.stderr, /no t-x-takp-v offer within 1.5s/);
        const xml = await run(silent.port, ['--timeout', '8']);
        assert.equal(xml.code, 0, 'XML mode goes on without an offer');
        assert.match(xml.stdout, /READY mode=xml .*serverVersion=null/);
    } finally {
        silent.stop();
    }
    const garbage = await fakeServer('--garbage-after-switch');
    try {
        const r = await run(garbage.port, ['--protobuf', '--timeout', '5', '--expect-uid', 'x']);
        assert.equal(r.code, 5);
        assert.match(r.stderr, /expected 0xbf frame magic, got 0x0a/);
    } finally {
        garbage.stop();
    }
});

test('nothing listening: exit 3 at once', async () => {
    const server = await fakeServer();
    server.stop();
    await new Promise((r) => setTimeout(r, 200));
    const r = await run(server.port, ['--timeout', '5']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /ECONNREFUSED/);
});

/** One line of XML as a test driving --steps writes it. */
function rawEvent(uid, type) {
    const now = new Date();
    const stale = new Date(now.getTime() + 60_000);
    return `<event version="2.0" uid="${uid}" type="${type}" how="h-g-i-g-o" time="${now.toISOString()}" ` +
        `start="${now.toISOString()}" stale="${stale.toISOString()}" access="Undefined">` +
        '<point lat="35.1" lon="139.2" hae="0" ce="10" le="10"/><detail><contact callsign="STEP"/></detail></event>';
}

test('--steps sends each line as told, answers STEP n sent, and closes on "close"', async () => {
    for (const mode of [[], ['--protobuf']]) {
        const server = await fakeServer();
        try {
            const listener = client(server.port, ['--print', '--timeout', '15', '--expect-uid', 'step-2']);
            await waitForLine(listener, /^READY /m);
            const driver = client(server.port, [...mode, '--steps', '--timeout', '15'], { stdin: 'pipe' });
            await waitForLine(driver, /^SENT 0$/m);
            driver.stdin.write(`send ${rawEvent('step-1', 'a-f-G')}\n`);
            await waitForLine(driver, /^STEP 1 sent$/m);
            driver.stdin.write(`send ${rawEvent('step-2', 'a-n-G')}\nclose\n`);
            const done = await driver.exited;
            assert.equal(done.code, 0, done.stderr);
            assert.match(done.stdout, /^STEP 2 sent$/m);
            assert.match(done.stdout, /^OK 2 steps sent/m);
            const heard = await listener.exited;
            assert.equal(heard.code, 0, heard.stderr);
            const got = events(heard.stdout).filter((e) => e.uid?.startsWith('step-'));
            assert.deepEqual(got.map((e) => [e.uid, e.type]), [['step-1', 'a-f-G'], ['step-2', 'a-n-G']]);
            if (!mode.length) assert.equal(got[0].access, 'Undefined', 'sent verbatim, marking included');
        } finally {
            server.stop();
        }
    }
});

test('usage errors exit 2 before connecting', async () => {
    const noCa = await spawnNode(['client.mjs', '--cert', p('client.pem'), '--key', p('client.key.pem')]).exited;
    assert.equal(noCa.code, 2);
    assert.match(noCa.stderr, /--ca is required/);
    assert.equal((await run(1, ['--forbid-uid', 'x'])).code, 2);
    assert.equal((await run(1, ['--send', path.join(fixtures, 'not-cot.xml')])).code, 2);
    assert.equal((await run(1, ['--protobuf', '--send-raw', path.join(fixtures, 'air-friendly.xml')])).code, 2);
    assert.equal((await run(1, ['--bogus'])).code, 2);
    assert.equal((await run(1, ['--steps', '--expect-uid', 'x'])).code, 2);
});
