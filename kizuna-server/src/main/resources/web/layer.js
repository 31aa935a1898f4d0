// All point symbols on one canvas: thousands of moving DOM markers cost a layout each; a canvas
// redraw per frame costs one pass. Symbols are drawn by milsymbol once per (SIDC, heading in 10°
// steps) and reused. The units list gives keyboard access to the same items.
'use strict';
const KizunaSymbolLayer = L.Layer.extend({
  initialize(clockNow) {
    this._items = new Map(); // uid → event
    this._cache = new Map(); // SIDC|heading → {image, anchor}
    this._clockNow = clockNow;
    this._scheduled = false;
    this._lastDataDraw = 0;
    this._dataTimer = null;
  },

  onAdd(map) {
    this._map = map;
    this._canvas = L.DomUtil.create('canvas', 'kizuna-symbols', map.getContainer());
    this._canvas.setAttribute('aria-hidden', 'true');
    map.on('move zoom resize viewreset', this.redraw, this);
    this.redraw();
  },

  onRemove(map) {
    map.off('move zoom resize viewreset', this.redraw, this);
    this._canvas.remove();
  },

  set(event) {
    this._items.set(event.uid, event);
    this.changed();
  },

  remove(uid) {
    if (this._items.delete(uid)) this.changed();
  },

  /**
   * Data changed: redraw at most ten times a second. Each unit reports about once a second, so
   * this loses nothing visible, and with thousands of units a full redraw per frame would leave
   * no time for anything else. Panning and zooming still redraw every frame.
   */
  changed() {
    if (this._dataTimer) return;
    const wait = Math.max(0, 100 - (performance.now() - this._lastDataDraw));
    this._dataTimer = setTimeout(() => {
      this._dataTimer = null;
      this._lastDataDraw = performance.now();
      this.redraw();
    }, wait);
  },

  has(uid) {
    return this._items.has(uid);
  },

  /** Where the item with {@code callsign} is drawn (container pixels), and its SIDC; null if not drawn. */
  find(callsign) {
    for (const e of this._items.values()) {
      if (e.callsign === callsign) {
        const p = this._map.latLngToContainerPoint([e.lat, e.lon]);
        return {x: p.x, y: p.y, sidc: KizunaSymbols.sidc(e.type)};
      }
    }
    return null;
  },

  /** True when the canvas has a non-transparent pixel at a container point. */
  paintedAt(x, y) {
    const ratio = window.devicePixelRatio || 1;
    return this._canvas.getContext('2d').getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data[3] > 0;
  },

  /** The uid drawn nearest to a container point, within 14 px, or null. */
  hit(point) {
    let best = null;
    let bestDistance = 14 * 14;
    for (const e of this._items.values()) {
      const p = this._map.latLngToContainerPoint([e.lat, e.lon]);
      const d = (p.x - point.x) ** 2 + (p.y - point.y) ** 2;
      if (d < bestDistance) {
        best = e.uid;
        bestDistance = d;
      }
    }
    return best;
  },

  redraw() {
    if (this._scheduled) return;
    this._scheduled = true;
    requestAnimationFrame(() => {
      this._scheduled = false;
      this._draw();
    });
  },

  _draw() {
    const size = this._map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const c = this._canvas;
    if (c.width !== size.x * ratio || c.height !== size.y * ratio) {
      c.width = size.x * ratio;
      c.height = size.y * ratio;
      c.style.width = size.x + 'px';
      c.style.height = size.y + 'px';
    }
    const ctx = c.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    const labels = this._items.size <= 1500;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#e6edf3';
    const now = this._clockNow();
    for (const e of this._items.values()) {
      const p = this._map.latLngToContainerPoint([e.lat, e.lon]);
      if (p.x < -40 || p.y < -40 || p.x > size.x + 40 || p.y > size.y + 40) continue;
      ctx.globalAlpha = fade(e, now);
      const s = this._symbol(e);
      if (s) {
        ctx.drawImage(s.image, p.x - s.anchor.x, p.y - s.anchor.y);
      } else {
        ctx.beginPath();
        ctx.arc(p.x, p.y, 5, 0, 2 * Math.PI);
        ctx.fillStyle = '#f2cc60';
        ctx.fill();
        ctx.fillStyle = '#e6edf3';
      }
      if (labels && e.callsign) ctx.fillText(e.callsign, p.x + (s ? s.image.width - s.anchor.x : 6) + 3, p.y + 4);
    }
    ctx.globalAlpha = 1;
  },

  _symbol(e) {
    const code = KizunaSymbols.sidc(e.type);
    if (!code) return null;
    const heading = e.course === undefined ? '' : Math.round(e.course / 10) * 10;
    const key = code + '|' + heading;
    let s = this._cache.get(key);
    if (!s) {
      const options = {size: 22};
      if (heading !== '') options.direction = heading;
      const symbol = new ms.Symbol(code, options);
      s = {image: symbol.asCanvas(), anchor: symbol.getAnchor()};
      this._cache.set(key, s);
      // A decoded bitmap draws faster than a canvas source; swap it in when it is ready.
      if (window.createImageBitmap) createImageBitmap(s.image).then((bitmap) => { s.image = bitmap; });
    }
    return s;
  },
});

/** Full opacity until the last quarter of an item's life, then down to 0.3 at stale. */
function fade(e, now) {
  const stale = Date.parse(e.stale);
  const start = Date.parse(e.start);
  const left = (stale - now) / Math.max(1, stale - start);
  return left < 0.25 ? Math.max(0.3, 0.3 + 0.7 * (left / 0.25)) : 1;
}
