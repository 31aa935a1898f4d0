// Browser end-to-end run of the web COP, driven by BrowserCopTest (JUnit), which starts the node,
// a TAK client, and reads this script's stdout:
//   node cop.mjs BASE_URL NAME PASSWORD CALLSIGN REPLY SCREENSHOT_DIR
// Signs in, waits for CALLSIGN's symbol on the map, checks the controls have labels, sends a
// chat (prints "CHAT <text>"; KIZUNA_E2E_CHAT sets the text), waits for REPLY in the chat log,
// replays the last 15 minutes and waits for KIZUNA_E2E_REPLAY_POSITION in the details (when set),
// writes screenshots, prints "OK".
import {chromium} from 'playwright-core';

import {mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const [base, name, password, callsign, reply, shots] = process.argv.slice(2);
const WAIT = 30_000;

const profile = mkdtempSync(join(tmpdir(), 'kizuna-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KIZUNA_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: {width: 1400, height: 900},
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // script errors only: a 401 before signing in and the missing favicon are logged as errors too
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
  });
  const external = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url());
  });
  await page.goto(base + '/');
  await page.waitForURL(/login\.html$/, {timeout: WAIT});
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.endsWith('login.html'), {timeout: WAIT});

  await page.locator('#contacts').getByText(callsign).first().waitFor({timeout: WAIT});
  const spot = await page.evaluate((cs) => window.kizunaCop.symbols.find(cs), callsign);
  if (!spot || !spot.sidc || !spot.sidc.startsWith('SFG')) throw new Error('no friendly ground 2525 symbol: ' + JSON.stringify(spot));
  await waitPainted(page, spot);
  if (!(await page.locator('svg.leaflet-zoom-animated path').count())) throw new Error('no basemap drawn');
  mkdirSync(shots, {recursive: true});
  await page.screenshot({path: join(shots, 'map.png')});
  if (!(await page.evaluate(() => window.kizunaCop.symbols.inWorker))) throw new Error('Chromium should draw symbols in a worker');
  // An animated zoom in: the symbol is drawn where the unit is at the new zoom.
  await page.evaluate(() => new Promise((done) => {
    window.kizunaCop.map.once('zoomend', () => done()); // not the event: it holds the whole map
    window.kizunaCop.map.zoomIn(1, {animate: true});
  }));
  await waitPainted(page, await page.evaluate((cs) => window.kizunaCop.symbols.find(cs), callsign));
  await page.evaluate(() => new Promise((done) => {
    window.kizunaCop.map.once('zoomend', () => done()); // not the event: it holds the whole map
    window.kizunaCop.map.zoomOut(1, {animate: true});
  }));
  // The same picture drawn on the page itself (browsers without OffscreenCanvas).
  const onPage = await browser.newPage();
  await onPage.goto(base + '/?painter=page');
  await onPage.locator('#contacts').getByText(callsign).first().waitFor({timeout: WAIT});
  const onPageSpot = await onPage.evaluate((cs) => window.kizunaCop.symbols.find(cs), callsign);
  await waitPainted(onPage, onPageSpot);
  if (await onPage.evaluate(() => window.kizunaCop.symbols.inWorker)) throw new Error('?painter=page still drew in a worker');
  await onPage.close();

  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + spot.x, box.y + spot.y);
  await page.locator('#details').getByText(callsign, {exact: true}).first().waitFor({timeout: WAIT});

  // Keyboard: the units list is the keyboard path to every item on the map.
  await page.locator('#details').evaluate((dl) => dl.replaceChildren());
  await page.locator('#contacts button').filter({hasText: callsign}).first().focus();
  await page.keyboard.press('Enter');
  await page.locator('#details').getByText(callsign, {exact: true}).first().waitFor({timeout: WAIT});

  for (const label of ['Search', 'Affiliation', 'To', 'Message']) {
    await page.getByLabel(label, {exact: true}).waitFor({timeout: WAIT});
  }
  const text = process.env.KIZUNA_E2E_CHAT || 'browser says hello ' + Date.now();
  await page.getByLabel('Message', {exact: true}).focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  console.log('CHAT ' + text);

  await page.locator('#chat-log').getByText(reply).waitFor({timeout: WAIT});
  await page.screenshot({path: join(shots, 'chat.png')});

  // The time slider: the history holds an earlier position of the selected unit.
  const earlier = process.env.KIZUNA_E2E_REPLAY_POSITION; // e.g. "35.00000, 139.00000"
  if (earlier) {
    await page.getByLabel('Start', {exact: true}).fill('15');
    await page.getByLabel('Speed', {exact: true}).selectOption('600');
    await page.getByRole('button', {name: 'Replay'}).click();
    await page.locator('#details').getByText(earlier).waitFor({timeout: WAIT});
    await page.screenshot({path: join(shots, 'replay.png')});
  }
  if (external.length) throw new Error('fetched from outside the node: ' + external.join(', '));
  if (pageErrors.length) throw new Error('errors in the page: ' + pageErrors.join(' | '));
  console.log('OK');
} catch (e) {
  console.log('FAIL ' + (e && e.message ? e.message.split('\n')[0] : e));
  process.exitCode = 1;
} finally {
  await browser.close();
}

// paintedAt answers asynchronously (the symbols may be drawn in a worker), and waitForFunction
// would take the pending promise itself for a truthy answer: poll the answer instead.
async function waitPainted(p, spot) {
  const deadline = Date.now() + WAIT;
  while (!(await p.evaluate(([x, y]) => window.kizunaCop.symbols.paintedAt(x, y), [spot.x, spot.y]))) {
    if (Date.now() > deadline) throw new Error('no symbol drawn at ' + JSON.stringify(spot));
    await p.waitForTimeout(100); // polling interval, not a synchronisation
  }
}
