// The symbol layer's drawing thread: owns the OffscreenCanvas the page handed over and a
// SymbolPainter, and answers the page's messages (layer.js). Rasterising thousands of symbols here
// keeps the page's own thread free for input, panning and the live feed.
'use strict';
importScripts('symbol-painter.js');

let painter = null;
// Draw from a timer, not the worker's requestAnimationFrame: Chromium now and then held a worker's
// animation frame back for about a second, and an update waited that long to be drawn (p99 1 s at
// 5,000 tracks; 0.1 s with the timer). The canvas is committed when the task ends either way, and
// the painter paces itself (ten data draws a second, one draw per batch of view changes).
const nextFrame = (cb) => setTimeout(cb, 0);

self.onmessage = (m) => {
  const msg = m.data;
  if (msg.op === 'init') {
    painter = new SymbolPainter(msg.canvas, nextFrame);
    painter.onDrawn = (view) => self.postMessage({op: 'drawn', view});
  } else {
    painter.handle(msg, (value) => self.postMessage({op: 'reply', id: msg.id, value}));
  }
};
