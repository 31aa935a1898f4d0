// All point symbols on one canvas: thousands of moving DOM markers cost a layout each; a canvas
// redraw costs one pass. The drawing itself (symbol-painter.js) runs in a Web Worker on an
// OffscreenCanvas where the browser has one, so the page stays responsive while thousands of
// symbols are rasterised; otherwise on the page. Symbols are drawn by milsymbol once per (SIDC,
// heading in 10° steps) and handed over as bitmaps. The units list gives keyboard access to the
// same items.
'use strict';
const KizunaSymbolLayer = L.Layer.extend({
  initialize() {
    this._items = new Map(); // uid → event, for find and hit on the page
    this._sprites = new Set(); // sprite keys made (or being made)
    this._pending = new Map(); // uid → painter item not yet sent
    this._removed = [];
    this._flushQueued = false;
    this._drawnView = null;
    this._replies = new Map();
    this._nextReply = 1;
  },

  onAdd(map) {
    this._map = map;
    const canvas = L.DomUtil.create('canvas', 'kizuna-symbols', map.getContainer());
    canvas.setAttribute('aria-hidden', 'true');
    // Leaflet's zoom animation transitions the transform of elements with this class
    L.DomUtil.addClass(canvas, 'leaflet-zoom-animated');
    this._canvas = canvas;
    // ?painter=page draws on the page even where a worker could (for comparing, and to test that path)
    const onPage = new URLSearchParams(window.location.search).get('painter') === 'page';
    if (!onPage && window.Worker && canvas.transferControlToOffscreen) {
      const offscreen = canvas.transferControlToOffscreen();
      this._worker = new Worker('symbol-worker.js');
      this._worker.onmessage = (m) => this._fromPainter(m.data);
      this._worker.onerror = (e) => console.error('symbol worker: ' + e.message);
      this._worker.postMessage({op: 'init', canvas: offscreen}, [offscreen]);
      this.inWorker = true;
    } else {
      this._painter = new SymbolPainter(canvas, (cb) => requestAnimationFrame(cb));
      this._painter.onDrawn = (view) => this._fromPainter({op: 'drawn', view});
      this.inWorker = false;
    }
    map.on('move zoom resize viewreset', this._viewChanged, this);
    map.on('zoomanim', this._zoomAnimation, this);
    this._viewChanged();
  },

  onRemove(map) {
    map.off('move zoom resize viewreset', this._viewChanged, this);
    map.off('zoomanim', this._zoomAnimation, this);
    if (this._worker) this._worker.terminate();
    this._canvas.remove();
  },

  set(event) {
    this._items.set(event.uid, event);
    const ll = this._map.project([event.lat, event.lon], 0);
    const sprite = this._spriteFor(event);
    this._pending.set(event.uid, {
      uid: event.uid, x: ll.x, y: ll.y, sprite, label: event.callsign || '',
      start: Date.parse(event.start), stale: Date.parse(event.stale), time: Date.parse(event.time),
    });
    this._queueFlush();
  },

  remove(uid) {
    if (!this._items.delete(uid)) return;
    this._pending.delete(uid);
    this._removed.push(uid);
    this._queueFlush();
  },

  /** The clock items fade by: the wall clock live, the replayed instant (advancing at rate) in a replay. */
  setClock(at, rate) {
    this._send({op: 'clock', at, rate});
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

  /** Resolves true when the symbol canvas has a non-transparent pixel at a container point. */
  paintedAt(x, y) {
    return this._ask({op: 'probe', x, y});
  },

  /** Resolves {draws, latencies}: symbol redraws and update latencies (ms) since the last reset. */
  stats(reset) {
    return this._ask({op: 'stats', reset});
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

  /** Redraw now (the clock moved on: items fade). */
  redraw() {
    this._viewChanged();
  },

  // All updates of one task go to the painter in one message.
  _queueFlush() {
    if (this._flushQueued) return;
    this._flushQueued = true;
    queueMicrotask(() => {
      this._flushQueued = false;
      if (this._removed.length) this._send({op: 'remove', uids: this._removed.splice(0)});
      if (this._pending.size) {
        this._send({op: 'upsert', items: [...this._pending.values()]});
        this._pending.clear();
      }
    });
  },

  // canvas pixel = world pixel at zoom 0 × 2^zoom − origin, where origin is the container's top
  // left corner in world pixels at the current zoom.
  _viewChanged() {
    const map = this._map;
    const size = map.getSize();
    const origin = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
    const view = {width: size.x, height: size.y, ratio: window.devicePixelRatio || 1,
      scale: Math.pow(2, map.getZoom()), ox: origin.x, oy: origin.y};
    this._view = view;
    this._canvas.style.width = size.x + 'px';
    this._canvas.style.height = size.y + 'px';
    this._send({op: 'view', view});
    this._follow(view);
  },

  // A zoom animation starts: scale the last drawing towards the view it ends in, along with the
  // basemap (the container's top left at the new zoom is the new centre minus half the size).
  _zoomAnimation(e) {
    const half = this._map.getSize().divideBy(2);
    const origin = this._map.project(e.center, e.zoom).subtract(half);
    this._follow({scale: Math.pow(2, e.zoom), ox: origin.x, oy: origin.y});
  },

  // Until the painter has drawn the current view, move what it drew last with the map (a CSS
  // transform costs nothing), so panning and zooming never wait for a redraw.
  _follow(now) {
    const drawn = this._drawnView;
    if (!drawn || !now) return;
    const k = now.scale / drawn.scale;
    const dx = drawn.ox * k - now.ox;
    const dy = drawn.oy * k - now.oy;
    this._canvas.style.transformOrigin = '0 0';
    this._canvas.style.transform = k === 1 && dx === 0 && dy === 0 ? '' : `translate(${dx}px, ${dy}px) scale(${k})`;
  },

  _fromPainter(msg) {
    if (msg.op === 'drawn') {
      this._drawnView = msg.view;
      this._follow(this._view);
    } else if (msg.op === 'reply') {
      const resolve = this._replies.get(msg.id);
      this._replies.delete(msg.id);
      if (resolve) resolve(msg.value);
    }
  },

  _send(msg, transfer) {
    if (this._worker) this._worker.postMessage(msg, transfer || []);
    else if (this._painter) this._painter.handle(msg, (value) => this._fromPainter({op: 'reply', id: msg.id, value}));
  },

  _ask(msg) {
    const id = this._nextReply++;
    return new Promise((resolve) => {
      this._replies.set(id, resolve);
      this._send({...msg, id});
    });
  },

  // The symbol's key; the first time a key is seen its bitmap is made and handed to the painter
  // (which draws a plain square for the moment it takes). Null for types without a symbol.
  _spriteFor(e) {
    const code = KizunaSymbols.sidc(e.type);
    if (!code) return null;
    const heading = e.course === undefined ? '' : Math.round(e.course / 10) * 10 % 360;
    const key = code + '|' + heading;
    if (this._sprites.has(key)) return key;
    this._sprites.add(key);
    const options = {size: 22};
    if (heading !== '') options.direction = heading;
    const symbol = new ms.Symbol(code, options);
    const canvas = symbol.asCanvas();
    const anchor = symbol.getAnchor();
    const hand = (image) => this._send({op: 'sprite', key, image, ax: anchor.x, ay: anchor.y}, image === canvas ? [] : [image]);
    if (window.createImageBitmap) createImageBitmap(canvas).then(hand, () => { if (!this._worker) hand(canvas); });
    else if (!this._worker) hand(canvas);
    return key;
  },
});
