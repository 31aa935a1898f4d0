// Browser run of the units list's filters and of drawn shapes' colours, driven by BrowserPanelsTest:
//   node panels.mjs BASE_URL NAME PASSWORD SCREENSHOT_DIR
// The node holds Kestrel (friend ground), Bandit (hostile air), Ferry (neutral sea surface), a
// marker Kestrel dropped (Rally) and a rectangle (Box) with a red stroke and a half-transparent
// blue fill. Signing out in one tab sends the other tab back to sign-in. Prints "OK" or "FAIL reason".
import {chromium} from 'playwright-core';

import {mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const [base, name, password, shots] = process.argv.slice(2);
const WAIT = 30_000;

const profile = mkdtempSync(join(tmpdir(), 'kizuna-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KIZUNA_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: {width: 1400, height: 900},
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// The units list shows exactly these callsigns (in any order), and the count says so.
async function listShows(page, callsigns) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('#contacts button')].map((b) => b.textContent.split(' · ')[0]).sort();
    return JSON.stringify(got) === JSON.stringify([...want].sort())
      && document.getElementById('shown').textContent === String(want.length);
  }, callsigns, {timeout: WAIT}).catch(async () => {
    const got = await page.locator('#contacts button').allTextContents();
    throw new Error('expected ' + callsigns.join(', ') + ' in the units list, got ' + got.join(' | '));
  });
}

try {
  const page = await browser.newPage();
  await page.goto(base + '/login.html');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.endsWith('login.html'), {timeout: WAIT});
  await listShows(page, ['Kestrel', 'Bandit', 'Ferry', 'Rally', 'Box']);

  for (const label of ['Affiliation', 'Dimension', 'Type prefix', 'Sender']) {
    await page.getByLabel(label, {exact: true}).waitFor({timeout: WAIT});
  }
  // Keyboard: Tab walks Search → Affiliation → Dimension → Type prefix → Sender.
  await page.getByLabel('Search', {exact: true}).focus();
  const order = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  if (order.join() !== 'affiliation,dimension,type-prefix,sender') throw new Error('tab order: ' + order.join());

  await page.getByLabel('Dimension', {exact: true}).selectOption({label: 'air'});
  await listShows(page, ['Bandit']);
  await page.getByLabel('Dimension', {exact: true}).selectOption({label: 'sea surface'});
  await listShows(page, ['Ferry']);
  await page.getByLabel('Dimension', {exact: true}).selectOption({label: 'all'});

  await page.getByLabel('Type prefix', {exact: true}).focus();
  await page.keyboard.type('a-h');
  await listShows(page, ['Bandit']);
  await page.getByLabel('Type prefix', {exact: true}).fill('u-d');
  await listShows(page, ['Box']);
  await page.getByLabel('Type prefix', {exact: true}).fill('');

  // Kestrel reported itself and dropped the Rally marker.
  await page.getByLabel('Sender', {exact: true}).selectOption({label: 'Kestrel'});
  await listShows(page, ['Kestrel', 'Rally']);
  await page.getByLabel('Affiliation', {exact: true}).selectOption({label: 'friend'});
  await listShows(page, ['Kestrel']);
  await page.getByLabel('Sender', {exact: true}).selectOption({label: 'all'});
  await page.getByLabel('Affiliation', {exact: true}).selectOption({label: 'all'});
  await listShows(page, ['Kestrel', 'Bandit', 'Ferry', 'Rally', 'Box']);

  // The rectangle in its CoT colours: strokeColor -65536 = opaque red, fillColor -2147483393 = 50% blue.
  await page.waitForFunction(() => window.kizunaCop.shapeStyle('SHAPE-UID'), null, {timeout: WAIT});
  const style = await page.evaluate(() => window.kizunaCop.shapeStyle('SHAPE-UID'));
  if (style.stroke !== '#ff0000' || Number(style.strokeOpacity) !== 1 || style.fill !== '#0000ff'
      || Math.abs(Number(style.fillOpacity) - 128 / 255) > 1e-6 || style.strokeWidth !== '3') {
    throw new Error('shape style ' + JSON.stringify(style));
  }
  mkdirSync(shots, {recursive: true});
  await page.screenshot({path: join(shots, 'panels.png')});

  // Signing out in another tab ends this login: the server closes this tab's live feed, which
  // goes back to the sign-in page instead of showing a picture that no longer updates.
  const other = await browser.newPage();
  await other.goto(base + '/');
  await other.locator('#feed').getByText('live').waitFor({timeout: WAIT});
  await page.getByRole('button', {name: 'Sign out'}).click();
  await other.waitForURL(/login\.html$/, {timeout: WAIT, waitUntil: 'commit'}).catch(async () => {
    const feed = await other.locator('#feed').textContent().catch(() => '?');
    throw new Error('the other tab stayed on the picture after signing out (feed: ' + feed + ')');
  });
  console.log('OK');
} catch (e) {
  console.log('FAIL ' + (e && e.message ? e.message.split('\n')[0] : e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
