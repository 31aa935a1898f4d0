#!/usr/bin/env node
// Certificate enrollment with node-tak's own client code (Credentials.generate()), as an
// independent TAK client would: read /Marti/api/tls/config, make a key and CSR, post it to
// /Marti/api/tls/signClient/v2 with HTTP Basic, and write the certificate and key it got.
//
//   NODE_EXTRA_CA_CERTS=ca.pem node enroll.mjs --url https://127.0.0.1:8446 \
//       --user alice --password SECRET --out-cert alice.pem --out-key alice.key.pem
//
// Prints "ENROLLED subject=<subject>" and exits 0, or prints "ERROR <message>" and exits 1.
// The TAKAPI is built without init(): init() would log in at /oauth/token, which enrollment
// does not need (the password goes in the Basic header of the signing call).
import fs from 'node:fs';
import crypto from 'node:crypto';
import { TAKAPI, APIAuthPassword } from '@tak-ps/node-tak';

function option(name) {
    const i = process.argv.indexOf(name);
    if (i < 0 || i + 1 >= process.argv.length) {
        console.log(`ERROR missing ${name}`);
        process.exit(2);
    }
    return process.argv[i + 1];
}

const url = option('--url');
const auth = new APIAuthPassword(option('--user'), option('--password'));
const api = new TAKAPI(new URL(url), auth);
try {
    const { cert, key } = await api.Credentials.generate();
    fs.writeFileSync(option('--out-cert'), cert + '\n');
    fs.writeFileSync(option('--out-key'), key + '\n', { mode: 0o600 });
    const subject = new crypto.X509Certificate(cert).subject.replace(/\n/g, ',');
    console.log(`ENROLLED subject=${subject}`);
    process.exit(0);
} catch (err) {
    console.log(`ERROR ${err.status ?? ''} ${err.message}`);
    process.exit(1);
}
