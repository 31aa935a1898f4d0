// The web COP: the live feed on an offline map (Natural Earth from world-atlas, no tile server),
// MIL-STD-2525 symbols from the CoT type (milsymbol), units list, details and chat.
// The API contract is docs/web-api.md.
'use strict';
(async function () {
  if (typeof L === 'undefined' || typeof ms === 'undefined' || typeof topojson === 'undefined') {
    document.getElementById('missing').hidden = false;
  }
  const meResponse = await fetch('/api/me');
  if (meResponse.status === 401) {
    window.location.assign('/login.html');
    return;
  }
  const me = await meResponse.json();
  const writeHeaders = {'Content-Type': 'application/json', [me.csrfHeader]: me.csrfToken};
  let posture = me.posture; // null without labels
  const posturePanel = KizunaPosturePanel(me, writeHeaders);
  KizunaEnrollPanel(me, writeHeaders);
  document.getElementById('user').textContent = me.name + ' (' + me.role + ')';
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/api/logout', {method: 'POST', headers: writeHeaders});
    window.location.assign('/login.html');
  });

  const map = L.map('map', {zoomControl: true, worldCopyJump: true, preferCanvas: false}).setView([35.6, 139.8], 8);
  await drawBasemap(map);

  const items = new Map(); // uid → event
  let selected = null;
  // Live: the wall clock. Replay: the replayed instant, and live messages are set aside.
  let replay = null; // {at: ms, speed, events: [...], next: index, timer}
  const clockNow = () => (replay ? replay.at : Date.now());

  // Point items go to the symbol canvas; drawn shapes (u-d-*) are Leaflet vector layers.
  const symbols = new KizunaSymbolLayer().addTo(map);
  const shapes = new Map(); // uid → {event, layer}
  map.on('click', (e) => {
    const uid = symbols.hit(e.containerPoint);
    if (uid) select(uid);
  });
  // for the browser tests and the benchmark; shapeStyle(uid) reads the drawn SVG path's own attributes
  window.kizunaCop = {
    map, symbols, items: () => [...items.values()],
    shapeStyle: (uid) => {
      const shape = shapes.get(uid);
      const path = shape && shape.layer.getElement && shape.layer.getElement();
      if (!path) return null;
      return {stroke: path.getAttribute('stroke'), strokeOpacity: path.getAttribute('stroke-opacity'),
        fill: path.getAttribute('fill'), fillOpacity: path.getAttribute('fill-opacity'),
        strokeWidth: path.getAttribute('stroke-width')};
    },
  };

  // The banner marks what the screen shows: with labels on, the banner of the dominant label of
  // every displayed item (the node renders it from the items' labelIds by its policy) and the
  // posture in force; without labels, the node's configured classification.
  const chatLabels = new Set(); // labels of the messages in the chat log
  let bannerKey = null;
  let bannerBusy = false;
  function setBanner(text) {
    for (const id of ['banner-top', 'banner-bottom']) document.getElementById(id).textContent = text;
  }
  async function updateBanner() {
    if (!me.labels) {
      setBanner(me.classification);
      return;
    }
    const shown = [...items.values()].map((e) => e.labelId).filter(Boolean).concat([...chatLabels]);
    const ids = [...new Set(shown)].sort().join(',');
    const key = ids + '|' + (posture ? posture.version : '');
    if (key === bannerKey || bannerBusy) return;
    bannerBusy = true;
    try {
      // a request line holds about 150 ids; a screen with more labels sends them in a body
      const res = ids.length < 3000
        ? await fetch('/api/banner?labels=' + encodeURIComponent(ids))
        : await fetch('/api/banner', {method: 'POST', headers: writeHeaders, body: JSON.stringify({labels: ids.split(',')})});
      if (res.ok) {
        const body = await res.json();
        if (body.posture) posture = body.posture;
        setBanner(body.banner + (posture ? ' — posture ' + posture.name : ''));
        bannerKey = key;
      } else {
        // never show a lower marking than the screen holds: say so instead
        setBanner('MARKING UNAVAILABLE' + (posture ? ' — posture ' + posture.name : ''));
        if (res.status === 400) bannerKey = key; // a refusal, not a hiccup: ask again when the set changes
      }
    } finally {
      bannerBusy = false;
    }
  }
  setBanner(me.labels ? '' : me.classification);

  function upsert(event) {
    if (event.type.startsWith('u-d')) {
      const known = shapes.get(event.uid);
      if (known) map.removeLayer(known.layer);
      const layer = shapeFor(event);
      layer.on('click', () => select(event.uid));
      layer.addTo(map);
      shapes.set(event.uid, {event, layer});
    } else {
      symbols.set(event);
    }
    const known = items.get(event.uid);
    // a moving unit changes nothing the list, the sender choices or the banner show
    if (!known || known.callsign !== event.callsign || known.type !== event.type || known.labelId !== event.labelId
        || known.portion !== event.portion || !sameCreator(known, event)) listVersion++;
    event.staleMs = Date.parse(event.stale);
    items.set(event.uid, event);
    if (selected === event.uid) showDetails(event);
  }

  // What the units list, the sender choices and the banner are built from changed (not positions).
  let listVersion = 0;
  const creatorOf = (e) => ((e.links || []).find((l) => l.relation === 'p-p') || {}).uid;
  const sameCreator = (a, b) => creatorOf(a) === creatorOf(b);

  function remove(uid) {
    if (!items.delete(uid)) return;
    listVersion++;
    symbols.remove(uid);
    const shape = shapes.get(uid);
    if (shape) {
      map.removeLayer(shape.layer);
      shapes.delete(uid);
    }
  }

  function shapeFor(e) {
    const points = (e.links || []).filter((l) => l.point).map((l) => l.point.split(',').map(Number));
    const xml = (e.detailXml || []).join('');
    const style = shapeStyle(xml);
    const ellipse = xml.match(/<ellipse[^>]*major="([\d.]+)"/);
    if (ellipse) return L.circle([e.lat, e.lon], {radius: Number(ellipse[1]), ...style});
    if (points.length >= 2) {
      return e.type.startsWith('u-d-r') || e.type.startsWith('u-d-f') && closed(points)
        ? L.polygon(points, style) : L.polyline(points, {...style, fill: false});
    }
    return L.circleMarker([e.lat, e.lon], {radius: 4, ...style});
  }

  function closed(points) {
    const [a, b] = [points[0], points[points.length - 1]];
    return points.length > 3 && a[0] === b[0] && a[1] === b[1];
  }

  // TAK writes colours as signed 32-bit ARGB integers: <strokeColor value="-65536"/> is opaque red.
  function shapeStyle(xml) {
    const style = {weight: 2};
    const weight = xml.match(/<strokeWeight\b[^>]*\bvalue="([\d.]+)"/);
    if (weight) style.weight = Math.min(20, Math.max(1, Number(weight[1])));
    const stroke = argb(xml, 'strokeColor');
    if (stroke) Object.assign(style, {color: stroke.rgb, opacity: stroke.alpha});
    const fill = argb(xml, 'fillColor');
    if (fill) Object.assign(style, {fill: true, fillColor: fill.rgb, fillOpacity: fill.alpha});
    return style;
  }

  function argb(xml, element) {
    const m = xml.match(new RegExp('<' + element + '\\b[^>]*\\bvalue="(-?\\d+)"'));
    if (!m) return null;
    const v = Number(m[1]) >>> 0;
    const hex = (n) => n.toString(16).padStart(2, '0');
    return {rgb: '#' + hex((v >>> 16) & 255) + hex((v >>> 8) & 255) + hex(v & 255), alpha: ((v >>> 24) & 255) / 255};
  }

  function select(uid) {
    selected = uid;
    const known = items.get(uid);
    if (known) showDetails(known);
  }

  function showDetails(e) {
    const rows = [
      ['Callsign', e.callsign || '—'], ['UID', e.uid], ['Type', e.type + ' — ' + KizunaSymbols.describe(e.type)],
      ['Position', e.lat.toFixed(5) + ', ' + e.lon.toFixed(5)], ['MGRS', mgrsOf(e)],
      ['Altitude', e.hae > 9_000_000 ? '—' : e.hae.toFixed(0) + ' m HAE'],
      ['Speed / course', (e.speed === undefined ? '—' : e.speed.toFixed(1) + ' m/s') + ' / '
        + (e.course === undefined ? '—' : e.course.toFixed(0) + '°')],
      ['Time', e.time], ['Stale', e.stale], ['Remarks', e.remarks || '—'],
    ];
    if (e.portion) rows.unshift(['Marking', e.portion]);
    const dl = document.getElementById('details');
    dl.replaceChildren(...rows.flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      return [dt, dd];
    }));
  }

  function mgrsOf(e) {
    try {
      return typeof mgrs === 'undefined' ? '—' : mgrs.forward([e.lon, e.lat]);
    } catch (err) {
      return '—'; // MGRS is undefined near the poles
    }
  }

  // Items leave at stale (the canvas fades them before); the list is rebuilt at most once a
  // second, and only when what it shows changed.
  let tickedVersion = -1;
  function tick() {
    const now = clockNow();
    for (const [uid, event] of items) {
      if (event.staleMs <= now) remove(uid);
    }
    symbols.setClock(now, replay ? replay.speed : 1);
    symbols.redraw();
    document.getElementById('count').textContent = String(items.size);
    if (tickedVersion === listVersion) return;
    tickedVersion = listVersion;
    renderContacts();
    updateBanner();
  }

  // Rebuilt only when the set of shown units changes: moving units do not touch the DOM.
  let shownKey = '';
  const collator = new Intl.Collator();
  function renderContacts() {
    const q = document.getElementById('search').value.trim().toLowerCase();
    const aff = document.getElementById('affiliation').value;
    const dim = document.getElementById('dimension').value;
    const prefix = document.getElementById('type-prefix').value.trim();
    const sender = document.getElementById('sender').value;
    updateSenders();
    const matching = [...items.values()]
      .filter((e) => !aff || KizunaSymbols.affiliationOf(e.type) === aff)
      .filter((e) => !dim || KizunaSymbols.dimensionOf(e.type) === dim)
      .filter((e) => !prefix || e.type.startsWith(prefix))
      .filter((e) => !sender || senderOf(e) === sender)
      .filter((e) => !q || [e.callsign, e.uid, e.type].some((s) => s && s.toLowerCase().includes(q)))
      .sort((a, b) => collator.compare(a.callsign || a.uid, b.callsign || b.uid));
    document.getElementById('shown').textContent = String(matching.length);
    const shown = matching.slice(0, 200);
    const key = shown.map((e) => e.uid + '\u0000' + (e.callsign || '') + '\u0000' + e.type + '\u0000' + (e.portion || ''))
      .join('\u0001');
    if (key === shownKey) return;
    shownKey = key;
    document.getElementById('contacts').replaceChildren(...shown.map((e) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = (e.portion ? e.portion + ' ' : '') + (e.callsign || e.uid) + ' · ' + e.type;
      b.addEventListener('click', () => {
        select(e.uid);
        const now = items.get(e.uid);
        if (now) map.panTo([now.lat, now.lon]);
      });
      li.append(b);
      return li;
    }));
    const to = document.getElementById('chat-to');
    const current = to.value;
    const people = shown.filter((e) => e.type.startsWith('a-f-G-U-C') || e.type.startsWith('a-f-G-E'));
    to.replaceChildren(new Option('All Chat Rooms', ''), ...people.map((e) => new Option(e.callsign || e.uid, e.uid)));
    to.value = current;
  }

  // Who reported an item: the creator its p-p link names (markers, shapes, chat), else the item
  // itself (a position report is its own sender). Shown by callsign when the creator is on the map.
  function senderOf(e) {
    const creator = (e.links || []).find((l) => l.relation === 'p-p' && l.uid);
    if (!creator) return e.callsign || e.uid;
    const known = items.get(creator.uid);
    return creator.callsign || (known && known.callsign) || creator.uid;
  }

  // The sender choices are the senders on the map now; rebuilt only when that set changes.
  let sendersKey = '';
  function updateSenders() {
    const names = [...new Set([...items.values()].map(senderOf))].sort();
    const key = names.join('\u0000');
    if (key === sendersKey) return;
    sendersKey = key;
    const select = document.getElementById('sender');
    const current = select.value;
    select.replaceChildren(new Option('all', ''), ...names.map((n) => new Option(n, n)));
    if (current && !names.includes(current)) select.append(new Option(current, current));
    select.value = current;
  }

  function showChat(e) {
    const li = document.createElement('li');
    // The callsign is what the sending client wrote; the sender is the identity the node verified
    // (certificate, web account or partner node). Both are shown, so a borrowed callsign is visible.
    const claimed = e.chat && e.chat.senderCallsign ? e.chat.senderCallsign : '';
    const who = e.sender ? (claimed ? claimed + ' (' + e.sender + ')' : e.sender) : (claimed ? claimed + ' (unverified)' : '?');
    const room = e.chat && e.chat.id !== 'All Chat Rooms' ? ' → ' + (e.chat.room || e.chat.id) : '';
    li.textContent = (e.portion ? e.portion + ' ' : '') + who + room + ': ' + (e.remarks || '');
    if (e.labelId && !chatLabels.has(e.labelId)) {
      chatLabels.add(e.labelId);
      listVersion++; // the banner must cover this message's label too
    }
    document.getElementById('chat-log').append(li);
  }

  document.getElementById('chat-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input = document.getElementById('chat-text');
    const to = document.getElementById('chat-to');
    if (!input.value) return;
    const body = {text: input.value};
    if (to.value) {
      body.to = to.value;
      body.toCallsign = to.options[to.selectedIndex].text;
    }
    const res = await fetch('/api/chat', {method: 'POST', headers: writeHeaders, body: JSON.stringify(body)});
    if (res.ok) input.value = '';
  });
  document.getElementById('search').addEventListener('input', renderContacts);
  for (const id of ['affiliation', 'dimension', 'sender']) document.getElementById(id).addEventListener('change', renderContacts);
  document.getElementById('type-prefix').addEventListener('input', renderContacts);

  const since = new Date(Date.now() - 6 * 3600 * 1000).toISOString();
  const history = await fetch('/api/chat?from=' + encodeURIComponent(since));
  if (history.ok) (await history.json()).items.forEach(showChat);

  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/live');
  ws.onopen = () => { document.getElementById('feed').textContent = 'live'; };
  ws.onclose = (e) => {
    document.getElementById('feed').textContent = 'closed (' + e.code + ')';
    // 1008: the server ended this login (signed out elsewhere, expired, account changed)
    if (e.code === 1008) window.location.assign('/login.html');
  };
  // Each frame holds a JSON array of messages (the server batches what it has at hand). They are
  // applied once per animation frame, the newest per uid only, so a burst of updates costs one
  // layout. The benchmark counts messages here; update latency is measured where symbols are drawn.
  const stats = {messages: 0};
  window.kizunaStats = stats;
  const inbox = new Map(); // uid → newest message not yet applied
  const chats = [];
  ws.onmessage = (m) => {
    if (replay) return; // back to live reloads the page's picture
    for (const msg of JSON.parse(m.data)) receive(msg);
  };
  function receive(msg) {
    stats.messages++;
    if (msg.op === 'posture') {
      posture = msg.posture;
      updateBanner();
      posturePanel.refresh();
    } else if (msg.op === 'chat') chats.push(msg.event);
    else if (msg.op === 'event' || msg.op === 'delete') {
      inbox.delete(msg.event.uid);
      inbox.set(msg.event.uid, msg);
    }
  }
  function applyInbox() {
    for (const msg of inbox.values()) {
      if (msg.op === 'event') upsert(msg.event);
      else msg.targets.forEach(remove);
    }
    inbox.clear();
    chats.splice(0).forEach(showChat);
    requestAnimationFrame(applyInbox);
  }
  requestAnimationFrame(applyInbox);
  setInterval(tick, 1000);

  // Replay: the last hours from the history store (/api/events), at a chosen speed.
  const slider = document.getElementById('replay-from');
  const sliderText = document.getElementById('replay-from-text');
  const showSlider = () => { sliderText.textContent = slider.value + ' min ago'; };
  slider.addEventListener('input', showSlider);
  showSlider();
  document.getElementById('replay-play').addEventListener('click', async () => {
    stopReplay();
    const from = Date.now() - Number(slider.value) * 60_000;
    const events = await storedEvents(new Date(from).toISOString());
    for (const uid of [...items.keys()]) remove(uid);
    replay = {at: from, speed: Number(document.getElementById('replay-speed').value), events, next: 0};
    symbols.setClock(replay.at, replay.speed);
    document.getElementById('feed').textContent = 'replay';
    replay.timer = setInterval(stepReplay, 200);
  });
  document.getElementById('replay-live').addEventListener('click', () => window.location.reload());

  function stepReplay() {
    replay.at += 200 * replay.speed;
    while (replay.next < replay.events.length && Date.parse(replay.events[replay.next].receivedAt) <= replay.at) {
      const e = replay.events[replay.next++];
      if (e.type.startsWith('t-x-d-d')) (e.links || []).forEach((l) => remove(l.uid));
      else if (!e.type.startsWith('b-t-f')) upsert(e);
    }
    document.getElementById('replay-clock').textContent = new Date(replay.at).toISOString();
    if (replay.at >= Date.now()) stopReplay();
  }

  function stopReplay() {
    if (replay) clearInterval(replay.timer);
  }

  // At most 20 pages of 1000 events: a replay is a look back, not an export.
  async function storedEvents(from) {
    const out = [];
    let cursor = null;
    for (let page = 0; page < 20; page++) {
      const q = '/api/events?limit=1000&from=' + encodeURIComponent(from) + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      const res = await fetch(q);
      if (!res.ok) break;
      const body = await res.json();
      out.push(...body.items);
      if (!body.next) break;
      cursor = body.next;
    }
    return out;
  }
})();

// Land and borders from Natural Earth (world-atlas, 1:50m), bundled with the node.
async function drawBasemap(map) {
  if (typeof topojson === 'undefined') return;
  const res = await fetch('vendor/world-atlas/countries-50m.json');
  if (!res.ok) return;
  const world = await res.json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    style: {color: '#6e7681', weight: 0.6, fillColor: '#2d333b', fillOpacity: 1},
    interactive: false,
  }).addTo(map);
  L.geoJSON(topojson.mesh(world, world.objects.countries, (a, b) => a !== b), {
    style: {color: '#8b949e', weight: 0.8, dashArray: '3 3'}, interactive: false,
  }).addTo(map);
}
