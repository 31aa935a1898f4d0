// The posture panel (labels on only): what is in force and what waits for a second admin
// (GET /api/posture). Admins request a change, approve one (naming the posture they saw waiting,
// so a request swapped meanwhile is refused) and cancel one. docs/web-api.md has the contract.
'use strict';
function KizunaPosturePanel(me, writeHeaders) {
  const $ = (id) => document.getElementById(id);
  if (!me.posture) return {refresh: async () => {}};
  const admin = me.role === 'admin';
  let pending = null;

  function say(text) {
    $('posture-message').textContent = text;
  }
  function show(body) {
    const c = body.current;
    $('posture-current').textContent = c.name + ' (version ' + c.version + ')'
      + (c.expiresAt ? ', until ' + c.expiresAt : '');
    pending = body.pending;
    $('posture-pending-line').hidden = !pending;
    $('posture-pending').textContent = pending
      ? pending.name + (pending.lasts ? ' for ' + pending.lasts : '') + ', requested by ' + pending.requestedBy
      : '';
    // the node refuses the requester's own approval too; the button is not offered
    $('posture-approve').hidden = !admin || !pending || pending.requestedBy === me.name;
    $('posture-cancel').hidden = !admin || !pending;
  }
  async function refresh() {
    const res = await fetch('/api/posture');
    if (res.ok) show(await res.json());
  }
  async function step(path, body, done) {
    const res = await fetch('/api/posture/' + path, {method: 'POST', headers: writeHeaders, body: JSON.stringify(body)});
    const answer = await res.json().catch(() => ({}));
    if (res.ok) {
      show(answer);
      say(done);
    } else {
      say(answer.detail || answer.title || ('refused: ' + res.status));
      refresh();
    }
  }

  $('posture-panel').hidden = false;
  $('posture-admin').hidden = !admin;
  $('posture-request').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {posture: $('posture-name').value.trim().toUpperCase()};
    const lasts = $('posture-for').value.trim();
    if (lasts) body.for = lasts;
    step('request', body, 'Requested ' + body.posture + ': a second admin must approve it.');
  });
  $('posture-approve').addEventListener('click', () => {
    if (pending) step('approve', {posture: pending.name}, 'Approved ' + pending.name + '.');
  });
  $('posture-cancel').addEventListener('click', () => step('cancel', {}, 'Request cancelled.'));
  refresh();
  // requests by other admins are not pushed over the live feed: look again now and then
  setInterval(refresh, 5000);
  return {refresh};
}
