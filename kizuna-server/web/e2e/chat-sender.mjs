// Browser run of issue #13's chat impersonation, driven by ChatImpersonationTest (kizuna-app):
//   node chat-sender.mjs BASE_URL NAME PASSWORD TEXT WANT FORGED SCREENSHOT_DIR
// Signs in over HTTPS (the node's own CA, so certificate errors are ignored), prints "READY" once
// the live feed is open, then waits for the chat-log line of the message TEXT: it must contain
// WANT (the claimed callsign with the authenticated sender beside it, "KESTREL (jpn-xray)"). No
// line may contain any of FORGED (texts separated by "|": messages the node must have refused,
// sent before TEXT on the same connection). Prints "OK" or "FAIL reason".
import {chromium} from 'playwright-core';

import {mkdirSync} from 'node:fs';
import {join} from 'node:path';

const [base, name, password, text, want, forged, shots] = process.argv.slice(2);
const WAIT = 30_000;

const browser = await chromium.launch({
  executablePath: process.env.KIZUNA_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  mkdirSync(shots, {recursive: true});
  const context = await browser.newContext({viewport: {width: 1400, height: 900}, ignoreHTTPSErrors: true});
  const page = await context.newPage();
  await page.goto(base + '/login.html');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.endsWith('login.html'), {timeout: WAIT});
  await page.locator('#feed').filter({hasText: 'live'}).waitFor({timeout: WAIT});
  console.log('READY');

  const line = page.locator('#chat-log li').filter({hasText: ': ' + text});
  await line.first().waitFor({timeout: WAIT}).catch(async () => {
    throw new Error('no chat line for "' + text + '"; log: ' + await page.locator('#chat-log').textContent());
  });
  const shown = await line.first().textContent();
  if (!shown.includes(want)) throw new Error('chat line "' + shown + '" does not show "' + want + '"');
  const log = await page.locator('#chat-log li').allTextContents();
  for (const f of forged.split('|').filter((x) => x)) {
    const hit = log.find((l) => l.includes(f));
    if (hit) throw new Error('a refused message is in the chat log: "' + hit + '"');
  }
  await page.screenshot({path: join(shots, 'chat-sender.png')});
  console.log('OK');
} catch (e) {
  console.log('FAIL ' + (e && e.message ? e.message.split('\n')[0] : e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
