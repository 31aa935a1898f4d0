// The symbol layer's drawing thread: owns the OffscreenCanvas the page handed over and a
// SymbolPainter, and answers the page's messages (layer.js). Rasterising thousands of symbols here
// keeps the page's own thread free for input, panning and the live feed.
'use strict';
importScripts('symbol-painter.js');

let painter = null;
const nextFrame = self.requestAnimationFrame ? (cb) => self.requestAnimationFrame(cb) : (cb) => setTimeout(cb, 16);

self.onmessage = (m) => {
  const msg = m.data;
  if (msg.op === 'init') {
    painter = new SymbolPainter(msg.canvas, nextFrame);
    painter.onDrawn = (view) => self.postMessage({op: 'drawn', view});
  } else {
    painter.handle(msg, (value) => self.postMessage({op: 'reply', id: msg.id, value}));
  }
};
