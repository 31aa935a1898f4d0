// Command-line parsing for client.mjs. Usage errors throw UsageError (exit 2).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';

export class UsageError extends Error {}

export const USAGE = `\
usage: node client.mjs --cert CLIENT.pem --key CLIENT.key.pem --ca CA.pem [options]

connection
  --host HOST            server address (default 127.0.0.1)
  --port PORT            TLS CoT port (default 8089)
  --cert FILE            client certificate, PEM (chain allowed)
  --key FILE             client private key, PEM
  --passphrase TEXT      passphrase of an encrypted --key
  --ca FILE              CA (PEM, may hold several) that must have signed the
                         server certificate; its SAN must match --host
  --protobuf             negotiate TAK protocol v1 after the server's offer,
                         then send and receive 0xbf-framed protobuf
  --callsign NAME        own callsign (default INTEROP-xxxx)
  --uid UID              own uid (default interop-<random>)

sending (in this order, after READY)
  --send-pli LAT,LON     own position report (a-f-G-U-C)
  --send FILE            CoT XML file; time/start := now, stale := now+5min (repeatable)
  --send-raw FILE        FILE's text verbatim, not parsed or re-timed; XML mode only (repeatable)
  --send-chat TEXT       GeoChat b-t-f to "All Chat Rooms" (repeatable)
  --send-after-uid UID   hold everything above until an event with this uid has
                         arrived (lets two clients chat without racing)
  --steps                then read steps from stdin, one a line, until "close" or
                         end of input (which close the connection and exit 0):
                           send XML   one CoT event written on one line, sent
                                      verbatim in XML mode, through node-cot's
                                      to_proto after --protobuf; answered
                                      "STEP n sent" once written (n counts sends)
                           close      half-close the connection, exit 0
                         not with --expect-*, --forbid-* or --linger

receiving
  --expect-uid UID       wait for an event with this uid (repeatable)
  --expect-type TYPE     wait for an event of exactly this type (repeatable)
  --expect-chat TEXT     wait for a b-t-f whose remarks are exactly TEXT (repeatable)
  --expect-callsign CS   wait for an event whose contact callsign is CS (repeatable)
  --forbid-uid UID       fail (exit 4) if an event with this uid arrives (repeatable)
  --forbid-type TYPE     fail (exit 4) if an event of this type arrives (repeatable)
  --forbid-chat TEXT     fail (exit 4) if a chat with these remarks arrives (repeatable)
  --linger SECONDS       after expectations are met, keep listening this long
                         (required with --forbid-*; default 0)
  --print                every received event as one JSON line on stdout
  --timeout SECONDS      limit for connecting, sending and expectations (default 20)
  -h, --help

stdout: "READY ...", "SENT n", JSON event lines (--print), "OK ...".
stderr: diagnostics and "FAIL ...".
exit: 0 ok, 1 expectations not met in time, 2 usage, 3 TLS/connection failure
      or connection closed early, 4 forbidden event received, 5 protocol error.
`;

const SPEC = {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '8089' },
    cert: { type: 'string' },
    key: { type: 'string' },
    passphrase: { type: 'string' },
    ca: { type: 'string' },
    protobuf: { type: 'boolean', default: false },
    callsign: { type: 'string' },
    uid: { type: 'string' },
    'send-pli': { type: 'string' },
    send: { type: 'string', multiple: true, default: [] },
    'send-raw': { type: 'string', multiple: true, default: [] },
    'send-chat': { type: 'string', multiple: true, default: [] },
    'send-after-uid': { type: 'string' },
    steps: { type: 'boolean', default: false },
    'expect-uid': { type: 'string', multiple: true, default: [] },
    'expect-type': { type: 'string', multiple: true, default: [] },
    'expect-chat': { type: 'string', multiple: true, default: [] },
    'expect-callsign': { type: 'string', multiple: true, default: [] },
    'forbid-uid': { type: 'string', multiple: true, default: [] },
    'forbid-type': { type: 'string', multiple: true, default: [] },
    'forbid-chat': { type: 'string', multiple: true, default: [] },
    linger: { type: 'string', default: '0' },
    print: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h', default: false },
};

function seconds(name, raw, { min }) {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number >= ${min}, got ${JSON.stringify(raw)}`);
    return n;
}

function readFile(name, file, encoding = 'utf8') {
    if (!file) throw new UsageError(`--${name} is required`);
    try {
        return fs.readFileSync(file, encoding);
    } catch (err) {
        throw new UsageError(`--${name} ${file}: ${err.code ?? err.message}`);
    }
}

function latLon(raw) {
    const parts = raw.split(',').map((x) => Number(x.trim()));
    if (parts.length !== 2 || parts.some((x) => !Number.isFinite(x)) ||
        Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180) {
        throw new UsageError(`--send-pli wants LAT,LON in degrees, got ${JSON.stringify(raw)}`);
    }
    return { lat: parts[0], lon: parts[1] };
}

function expectations(values) {
    return {
        uid: values['expect-uid'],
        type: values['expect-type'],
        chat: values['expect-chat'],
        callsign: values['expect-callsign'],
    };
}

export function parseOptions(argv) {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: SPEC, strict: true, allowPositionals: false }));
    } catch (err) {
        throw new UsageError(err.message);
    }
    if (values.help) return { help: true };

    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be 1-65535, got ${values.port}`);

    const forbid = { uid: values['forbid-uid'], type: values['forbid-type'], chat: values['forbid-chat'] };
    const linger = seconds('linger', values.linger, { min: 0 });
    if ((forbid.uid.length || forbid.type.length || forbid.chat.length) && linger === 0) {
        throw new UsageError('--forbid-* needs --linger SECONDS: the window in which nothing forbidden may arrive');
    }
    if (values.protobuf && values['send-raw'].length) {
        throw new UsageError('--send-raw sends XML bytes and cannot be combined with --protobuf');
    }
    for (const f of [...values.send, ...values['send-raw']]) readFile('send', f);
    const expecting = [...Object.values(forbid), ...Object.values(expectations(values))].some((list) => list.length);
    if (values.steps && (expecting || linger > 0)) {
        throw new UsageError('--steps runs until "close": it takes no --expect-*, --forbid-* or --linger (use --print)');
    }

    const suffix = randomBytes(3).toString('hex');
    return {
        host: values.host,
        port,
        cert: readFile('cert', values.cert),
        key: readFile('key', values.key),
        ca: readFile('ca', values.ca),
        passphrase: values.passphrase,
        protobuf: values.protobuf,
        uid: values.uid ?? `interop-${suffix}`,
        callsign: values.callsign ?? `INTEROP-${suffix.toUpperCase()}`,
        pli: values['send-pli'] === undefined ? null : latLon(values['send-pli']),
        send: values.send,
        sendRaw: values['send-raw'],
        chats: values['send-chat'],
        sendAfterUid: values['send-after-uid'] ?? null,
        steps: values.steps,
        expect: expectations(values),
        forbid,
        linger,
        print: values.print,
        timeout: seconds('timeout', values.timeout, { min: 0.1 }),
    };
}
