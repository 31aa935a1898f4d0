#!/usr/bin/env node
// Drives node-tak's REST API classes (TAKAPI with APIAuthCertificate) against a server, one
// step per argument, and prints one line per step for the Java test to read:
//   RESULT <step> <json>     the answer node-tak returned
//   FAILED <step> <status> <message>
// Steps:
//   groups                      api.Group.list({useCache: true})    GET /Marti/api/groups/all
//   activate:<uid>:A,B          reads groups/all, marks groups A and B active and every other
//                               one inactive, and sends the list back as a client does:
//                               api.Group.update(list, {clientUid})  PUT /Marti/api/groups/active
//   contacts                    api.Contacts.list()                  GET /Marti/api/contacts/all
// Usage: node api.mjs --url https://HOST:PORT --cert CERT.pem --key KEY.pem STEP...
import fs from 'node:fs';
import { TAKAPI, APIAuthCertificate } from '@tak-ps/node-tak';

function parse(argv) {
    const opts = { steps: [] };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--url' || a === '--cert' || a === '--key') {
            opts[a.slice(2)] = argv[++i];
        } else {
            opts.steps.push(a);
        }
    }
    if (!opts.url || !opts.cert || !opts.key || opts.steps.length === 0) {
        console.error('usage: node api.mjs --url URL --cert CERT --key KEY STEP...');
        process.exit(2);
    }
    return opts;
}

async function run(api, step) {
    if (step === 'groups') {
        return api.Group.list({ useCache: true });
    }
    if (step === 'contacts') {
        return api.Contacts.list();
    }
    if (step.startsWith('activate:')) {
        const [, clientUid, names] = step.split(':');
        const wanted = new Set(names ? names.split(',').filter(Boolean) : []);
        const current = await api.Group.list({ useCache: true });
        const list = current.data.map((g) => ({ ...g, active: wanted.has(g.name) }));
        for (const name of wanted) {
            if (!list.some((g) => g.name === name)) {
                // a group the server did not list: asked for anyway, the server must refuse it
                list.push({ name, direction: 'OUT', created: '', type: 'SYSTEM', bitpos: 0, active: true });
            }
        }
        await api.Group.update(list, { clientUid });
        return { sent: list.length };
    }
    throw new Error(`unknown step ${step}`);
}

const opts = parse(process.argv.slice(2));
const api = await TAKAPI.init(new URL(opts.url),
    new APIAuthCertificate(fs.readFileSync(opts.cert, 'utf8'), fs.readFileSync(opts.key, 'utf8')));
for (const step of opts.steps) {
    try {
        const answer = await run(api, step);
        console.log(`RESULT ${step} ${JSON.stringify(answer)}`);
    } catch (err) {
        console.log(`FAILED ${step} ${err.status ?? '?'} ${String(err.message ?? err).replace(/\n/g, ' ')}`);
    }
}
