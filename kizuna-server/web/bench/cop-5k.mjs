// Browser benchmark of the web COP (not a unit test): a plain-TCP gateway feeds TRACKS tracks at
// 1 Hz into a running node; headless Chromium shows them; after a warm-up this measures the page's
// frame rate (requestAnimationFrame), how often the symbol layer redrew, and the update latency
// (the time the symbol layer finished drawing an update − the event's time, same machine clock)
// for SECONDS seconds, and prints one JSON line.
// Then it drags the map back and forth with the mouse for up to 10 s and measures the frame rate again
// (the map must stay fluid under the user's hand, not only when watched), and saves a screenshot.
//   node cop-5k.mjs BASE_URL PLAIN_PORT NAME PASSWORD [TRACKS=5000] [SECONDS=30] [SCREENSHOT.png]
// ./kizuna web-bench starts a node and runs this; method and figures: docs/performance.md.
import {chromium} from 'playwright-core';
import {connect} from 'node:net';
import {mkdtempSync} from 'node:fs';
import {tmpdir, cpus} from 'node:os';
import {join} from 'node:path';

const [base, plainPort, name, password, tracksArg, secondsArg, shotPath] = process.argv.slice(2);
const TRACKS = Number(tracksArg || 5000);
const SECONDS = Number(secondsArg || 30);
const WARMUP = 10;
const TYPES = ['a-f-G-U-C', 'a-h-G-U-C-I', 'a-n-S-X', 'a-f-A-M-F', 'a-u-G'];

// The gateway: TRACKS uids moving around Tokyo Bay, each reported once a second, in ten slices.
const units = Array.from({length: TRACKS}, (_, i) => ({
  uid: 'BENCH-' + i, type: TYPES[i % TYPES.length],
  lat: 35.0 + Math.random(), lon: 139.3 + Math.random(), course: Math.random() * 360,
}));
const gateway = connect(Number(plainPort), '127.0.0.1');
await new Promise((ok, fail) => { gateway.once('connect', ok); gateway.once('error', fail); });
let slice = 0;
const feeder = setInterval(() => {
  const now = new Date();
  const t = now.toISOString();
  const stale = new Date(now.getTime() + 30_000).toISOString();
  const part = [];
  for (let i = slice; i < units.length; i += 10) {
    const u = units[i];
    u.lat += Math.cos(u.course * Math.PI / 180) * 0.0005;
    u.lon += Math.sin(u.course * Math.PI / 180) * 0.0005;
    part.push(`<event version="2.0" uid="${u.uid}" type="${u.type}" how="m-g" time="${t}" start="${t}" stale="${stale}">`
      + `<point lat="${u.lat.toFixed(6)}" lon="${u.lon.toFixed(6)}" hae="0" ce="10" le="10"/>`
      + `<detail><contact callsign="B${i}"/><track course="${u.course.toFixed(0)}" speed="10"/></detail></event>`);
  }
  gateway.write(part.join(''));
  slice = (slice + 1) % 10;
}, 100);

const profile = mkdtempSync(join(tmpdir(), 'kizuna-bench-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KIZUNA_CHROMIUM || '/usr/bin/chromium', headless: true,
  viewport: {width: 1600, height: 1000},
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(base + '/login.html');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.kizunaStats && window.kizunaStats.messages > 0, null, {timeout: 60_000});
  await page.waitForTimeout(WARMUP * 1000); // a benchmark's warm-up, not a synchronisation
  await page.evaluate(async () => {
    await window.kizunaCop.symbols.stats(true);
    window.kizunaStats.messages = 0;
    window.kizunaFrames = 0;
    const count = () => { window.kizunaFrames++; requestAnimationFrame(count); };
    requestAnimationFrame(count);
  });
  const started = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  const r = await page.evaluate(async () => {
    const symbols = await window.kizunaCop.symbols.stats(true);
    return {
      frames: window.kizunaFrames, messages: window.kizunaStats.messages, draws: symbols.draws,
      latencies: symbols.latencies, items: Number(document.getElementById('count').textContent),
      worker: window.kizunaCop.symbols.inWorker,
    };
  });
  const elapsed = (Date.now() - started) / 1000;
  if (shotPath) await page.screenshot({path: shotPath});
  // Panning as a user does: the mouse held down on the map and dragged back and forth (Leaflet
  // moves the map on every mousemove and redraws the basemap once, at release).
  const panSeconds = Math.min(10, SECONDS);
  await page.evaluate(async () => {
    await window.kizunaCop.symbols.stats(true);
    window.kizunaFrames = 0;
  });
  const box = await page.locator('#map').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const panStarted = Date.now();
  for (let leg = 0; Date.now() - panStarted < panSeconds * 1000; leg++) {
    const d = leg % 2 ? -150 : 150;
    await page.mouse.move(cx + d, cy + d / 2, {steps: 60});
  }
  await page.mouse.up();
  const panned = await page.evaluate(async () => {
    const symbols = await window.kizunaCop.symbols.stats(true);
    return {frames: window.kizunaFrames, draws: symbols.draws};
  });
  const panElapsed = (Date.now() - panStarted) / 1000;
  const sorted = r.latencies.sort((a, b) => a - b);
  const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null);
  console.log(JSON.stringify({
    tracks: TRACKS, seconds: Math.round(elapsed), fps: +(r.frames / elapsed).toFixed(1),
    symbolDrawsPerSecond: +(r.draws / elapsed).toFixed(1), drawsInWorker: r.worker,
    messagesPerSecond: Math.round(r.messages / elapsed), itemsShown: r.items,
    panning: {seconds: Math.round(panElapsed), fps: +(panned.frames / panElapsed).toFixed(1),
      symbolDrawsPerSecond: +(panned.draws / panElapsed).toFixed(1)},
    latencyMs: {p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: sorted[sorted.length - 1] ?? null},
    cpus: cpus().length, cpu: cpus()[0].model,
  }));
} finally {
  clearInterval(feeder);
  gateway.end();
  await browser.close();
}
