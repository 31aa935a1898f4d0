// Browser run of banners that follow the labels and the posture, driven by BrowserLabelsTest
// (kizuna-app) on a labelled node:
//   node labels.mjs BASE_URL PASSWORD HIGH_USER HIGH_BANNER LOW_USER LOW_BANNER HIDDEN_UID NEXT_POSTURE SCREENSHOT_DIR CHAT_BANNER ADMIN_1 ADMIN_2
// HIGH_USER's page must show HIGH_BANNER (the dominant banner of what it shows, with the
// posture) top and bottom, and the portion marks; LOW_USER's page shows LOW_BANNER and never
// HIDDEN_UID. Then prints "CHAT" and waits until LOW_USER's banner is CHAT_BANNER (the test sends a
// chat whose label raises it: the banner covers chat messages as well). Then ADMIN_1 requests
// NEXT_POSTURE in the posture panel, ADMIN_2 approves it in theirs (HIGH_USER, an operator, is
// offered no posture controls), and HIGH_USER's banner must name NEXT_POSTURE. ADMIN_1 also
// makes an enrollment QR code for HIGH_USER; HIGH_USER is offered no enrollment form.
// Prints "OK" or "FAIL reason".
import {chromium} from 'playwright-core';

import {mkdirSync} from 'node:fs';
import {join} from 'node:path';

const [base, password, high, highBanner, low, lowBanner, hiddenUid, nextPosture, shots, chatBanner, admin1, admin2] =
  process.argv.slice(2);
const WAIT = 30_000;

const browser = await chromium.launch({
  executablePath: process.env.KIZUNA_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function signIn(name) {
  const context = await browser.newContext({viewport: {width: 1400, height: 900}});
  const page = await context.newPage();
  await page.goto(base + '/login.html');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.endsWith('login.html'), {timeout: WAIT});
  return page;
}

async function bannerIs(page, want) {
  await page.waitForFunction((w) => ['banner-top', 'banner-bottom']
    .every((id) => document.getElementById(id).textContent === w), want, {timeout: WAIT}).catch(async () => {
    throw new Error('banner "' + await page.locator('#banner-top').textContent() + '", expected "' + want + '"');
  });
}

try {
  mkdirSync(shots, {recursive: true});
  const watch = await signIn(high);
  await bannerIs(watch, highBanner);
  const marks = (await watch.locator('#contacts').textContent()) || '';
  if (!marks.includes('(H//REL TO JPN)') || !marks.includes('(TC//REL TO JPN, USA)')) {
    throw new Error('portion marks missing from the units list: ' + marks);
  }
  await watch.screenshot({path: join(shots, 'labels-high.png')});

  const other = await signIn(low);
  await bannerIs(other, lowBanner);
  const uids = await other.evaluate(() => window.kizunaCop.items().map((e) => e.uid));
  if (uids.includes(hiddenUid)) throw new Error(low + ' was shown ' + hiddenUid);
  if (!uids.length) throw new Error(low + ' was shown nothing at all');
  await other.screenshot({path: join(shots, 'labels-low.png')});
  console.log('CHAT');
  await bannerIs(other, chatBanner);

  if (!await watch.locator('#posture-panel').isVisible()) throw new Error('no posture panel with labels on');
  if (await watch.getByRole('button', {name: 'Request', exact: true}).isVisible()) {
    throw new Error(high + ' (not an admin) was offered a posture request');
  }
  if (await watch.locator('#enroll-panel').isVisible() || await watch.getByLabel('Account name').isVisible()) {
    throw new Error(high + ' (not an admin) was offered device enrollment');
  }
  const requester = await signIn(admin1);
  // an admin makes a QuickConnect QR code for an account, under the same banners
  await requester.getByLabel('Account name').fill(high);
  await requester.getByRole('button', {name: 'Make QR code'}).click();
  await requester.locator('#enroll-result').waitFor({state: 'visible', timeout: WAIT}).catch(async () => {
    throw new Error('no enrollment QR: ' + await requester.locator('#enroll-message').textContent());
  });
  const uri = await requester.locator('#enroll-uri').textContent();
  if (!uri.startsWith('tak://com.atakmap.app/enroll')) throw new Error('enrollment link: ' + uri);
  const svg = decodeURIComponent((await requester.getByRole('img', {name: /QR code/}).getAttribute('src'))
    .replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
  if (!/^<svg [^]*<path [^>]*d="M/.test(svg)) throw new Error('the QR image has no path: ' + svg.slice(0, 80));
  await requester.screenshot({path: join(shots, 'enroll-qr.png')});
  await requester.getByLabel('Request posture').fill(nextPosture);
  await requester.getByLabel('For (optional, e.g. 6h)').fill('6h');
  await requester.getByRole('button', {name: 'Request', exact: true}).click();
  await requester.locator('#posture-pending').filter({hasText: nextPosture + ' for PT6H, requested by ' + admin1})
    .waitFor({timeout: WAIT});
  if (await requester.getByRole('button', {name: 'Approve'}).isVisible()) {
    throw new Error(admin1 + ' was offered to approve their own request');
  }
  const approver = await signIn(admin2);
  // the approver's panel learns of the request by asking again (every 5 s), not from the feed
  await approver.getByRole('button', {name: 'Approve'}).click({timeout: WAIT});
  await approver.locator('#posture-current').filter({hasText: nextPosture + ' (version 2)'}).waitFor({timeout: WAIT});
  await approver.waitForFunction((p) => document.getElementById('banner-top').textContent.endsWith('posture ' + p),
    nextPosture, {timeout: WAIT}).catch(async () => {
    throw new Error('the approver\'s banner did not follow: "' + await approver.locator('#banner-top').textContent() + '"');
  });
  await approver.screenshot({path: join(shots, 'posture-approved.png')});
  await watch.waitForFunction((p) => document.getElementById('banner-top').textContent.endsWith('posture ' + p),
    nextPosture, {timeout: 60_000}).catch(async () => {
    throw new Error('banner did not follow the posture: ' + await watch.locator('#banner-top').textContent());
  });
  console.log('OK');
} catch (e) {
  console.log('FAIL ' + (e && e.message ? e.message.split('\n')[0] : e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
