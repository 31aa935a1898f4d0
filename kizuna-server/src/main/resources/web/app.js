// A first, map-less client of the API: who am I, then the live feed as a list.
// The map (Leaflet, milsymbol, offline basemap) replaces the list; the contract stays.
(async function () {
  const me = await fetch('/api/me');
  if (me.status === 401) {
    window.location.assign('/login.html');
    return;
  }
  const user = await me.json();
  for (const id of ['banner-top', 'banner-bottom']) {
    document.getElementById(id).textContent = user.classification;
  }
  document.getElementById('user').textContent = user.name + ' (' + user.role + ')';
  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/api/logout', {method: 'POST', headers: {[user.csrfHeader]: user.csrfToken}});
    window.location.assign('/login.html');
  });

  const items = new Map();
  const list = document.getElementById('items');
  const render = () => {
    const now = Date.now();
    for (const [uid, e] of items) {
      if (Date.parse(e.stale) <= now) items.delete(uid);
    }
    document.getElementById('count').textContent = String(items.size);
    list.replaceChildren(...[...items.values()].slice(0, 200).map((e) => {
      const li = document.createElement('li');
      li.textContent = (e.callsign || e.uid) + ' ' + e.type + ' ' + e.lat.toFixed(4) + ',' + e.lon.toFixed(4);
      return li;
    }));
  };
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/live');
  ws.onopen = () => { document.getElementById('feed').textContent = 'live'; };
  ws.onclose = () => { document.getElementById('feed').textContent = 'closed'; };
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.op === 'event') items.set(msg.event.uid, msg.event);
    if (msg.op === 'delete') for (const uid of msg.targets) items.delete(uid);
  };
  setInterval(render, 1000);
})();
