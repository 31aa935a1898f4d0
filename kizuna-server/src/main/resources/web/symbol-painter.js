// Draws the point symbols of the picture on one 2D canvas. The same code runs in a Web Worker on an
// OffscreenCanvas (symbol-worker.js), so that rasterising thousands of symbols never blocks the
// page, or on the page itself where a browser has no OffscreenCanvas (layer.js decides).
//
// Positions arrive already projected to Leaflet's pixel space at zoom 0 (x, y); the view says how
// that maps to the canvas: canvas = world × scale − origin. The painter knows nothing of Leaflet.
'use strict';

/* exported SymbolPainter */
class SymbolPainter {
  /**
   * @param canvas an HTMLCanvasElement or an OffscreenCanvas
   * @param requestFrame how this host waits for the next frame (requestAnimationFrame, or a timer)
   */
  constructor(canvas, requestFrame) {
    this.canvas = canvas;
    this.requestFrame = requestFrame;
    this.items = new Map(); // uid → {x, y, sprite, label, start, stale}
    this.sprites = new Map(); // sprite key → {image, ax, ay, width}
    this.view = null; // {width, height, ratio, scale, ox, oy}
    this.clock = {at: Date.now(), rate: 1, setAt: Date.now()};
    this.scheduled = false;
    this.viewChanged = false;
    this.lastDataDraw = 0;
    this.dataTimer = null;
    this.onDrawn = null; // called with the view each finished draw used
    // Update latency: for each applied update, drawn time − the event's own time. Only once the
    // benchmark has asked for stats: a page nobody measures keeps nothing.
    this.measuring = false;
    this.pendingTimes = [];
    this.latencies = [];
    this.draws = 0;
  }

  setView(view) {
    this.view = view;
    this.viewChanged = true;
    this.schedule();
  }

  setClock(at, rate) {
    this.clock = {at, rate, setAt: Date.now()};
  }

  now() {
    return this.clock.at + (Date.now() - this.clock.setAt) * this.clock.rate;
  }

  addSprite(key, image, ax, ay) {
    this.sprites.set(key, {image, ax, ay, width: image.width});
    this.dataChanged();
  }

  /** Items: {uid, x, y, sprite, label, start, stale (ms), time (the event's time, ms)}. */
  upsert(items) {
    for (const item of items) {
      this.items.set(item.uid, item);
      if (this.measuring && this.latencies.length + this.pendingTimes.length < 200_000) this.pendingTimes.push(item.time);
    }
    this.dataChanged();
  }

  remove(uids) {
    let any = false;
    for (const uid of uids) any = this.items.delete(uid) || any;
    if (any) this.dataChanged();
  }

  /**
   * Data changed: redraw at most ten times a second. Each unit reports about once a second, so
   * this loses nothing visible; with thousands of units a redraw per frame would leave no time
   * for anything else. A changed view (pan, zoom) is drawn on the next frame.
   */
  dataChanged() {
    if (this.dataTimer) return;
    const wait = Math.max(0, 100 - (Date.now() - this.lastDataDraw));
    this.dataTimer = setTimeout(() => {
      this.dataTimer = null;
      this.lastDataDraw = Date.now();
      this.schedule();
    }, wait);
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.requestFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  draw() {
    const v = this.view;
    if (!v) return;
    const c = this.canvas;
    const w = Math.round(v.width * v.ratio);
    const h = Math.round(v.height * v.ratio);
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d');
    ctx.setTransform(v.ratio, 0, 0, v.ratio, 0, 0);
    ctx.clearRect(0, 0, v.width, v.height);
    const now = this.now();
    // First pass: what is in view. Labels only when few enough are in view to be read: a label
    // costs more to draw than a symbol, and thousands of overlapping labels say nothing.
    const shown = [];
    for (const e of this.items.values()) {
      const x = e.x * v.scale - v.ox;
      const y = e.y * v.scale - v.oy;
      if (x < -40 || y < -40 || x > v.width + 40 || y > v.height + 40) continue;
      shown.push(e, x, y);
    }
    const labels = shown.length / 3 <= SymbolPainter.MAX_LABELS;
    ctx.font = '11px system-ui, sans-serif';
    let alpha = 1;
    ctx.globalAlpha = 1;
    for (let i = 0; i < shown.length; i += 3) {
      const e = shown[i];
      const x = shown[i + 1];
      const y = shown[i + 2];
      const a = fadeAt(e, now);
      if (a !== alpha) {
        ctx.globalAlpha = a;
        alpha = a;
      }
      const s = this.sprites.get(e.sprite);
      if (s) {
        ctx.drawImage(s.image, Math.round(x - s.ax), Math.round(y - s.ay));
      } else {
        ctx.fillStyle = '#f2cc60';
        ctx.fillRect(Math.round(x) - 4, Math.round(y) - 4, 8, 8);
      }
      if (labels && e.label) {
        ctx.fillStyle = '#e6edf3';
        ctx.fillText(e.label, x + (s ? s.width - s.ax : 6) + 3, y + 4);
      }
    }
    ctx.globalAlpha = 1;
    this.draws++;
    const drawnAt = Date.now();
    for (const t of this.pendingTimes) this.latencies.push(drawnAt - t);
    this.pendingTimes = [];
    if (this.onDrawn && this.viewChanged) this.onDrawn(v);
    this.viewChanged = false;
  }

  /** One message from the page (layer.js); {@code reply(value)} answers probes and stats. */
  handle(msg, reply) {
    switch (msg.op) {
      case 'view': this.setView(msg.view); break;
      case 'clock': this.setClock(msg.at, msg.rate); break;
      case 'upsert': this.upsert(msg.items); break;
      case 'remove': this.remove(msg.uids); break;
      case 'sprite': this.addSprite(msg.key, msg.image, msg.ax, msg.ay); break;
      case 'probe': reply(this.paintedAt(msg.x, msg.y)); break;
      case 'stats': reply(this.stats(msg.reset)); break;
      default: break;
    }
  }

  /** True when a canvas pixel (CSS pixels) is painted. */
  paintedAt(x, y) {
    const r = this.view ? this.view.ratio : 1;
    return this.canvas.getContext('2d').getImageData(Math.round(x * r), Math.round(y * r), 1, 1).data[3] > 0;
  }

  /** What the benchmark reads: draws so far and update latencies (ms); both restart when taken with reset. */
  stats(reset) {
    this.measuring = true;
    const out = {draws: this.draws, latencies: this.latencies};
    if (reset) {
      this.draws = 0;
      this.latencies = [];
      this.pendingTimes = [];
    }
    return out;
  }
}

SymbolPainter.MAX_LABELS = 1000;

/** Full opacity until the last quarter of an item's life, then down to 0.3 at stale (in steps, so alpha changes are rare). */
function fadeAt(e, now) {
  const left = (e.stale - now) / Math.max(1, e.stale - e.start);
  if (left >= 0.25) return 1;
  return Math.max(0.3, Math.round((0.3 + 0.7 * (left / 0.25)) * 20) / 20);
}
