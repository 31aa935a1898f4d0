// "Enroll a device" (admins only): a one-time QuickConnect QR code for a web account
// (POST /api/enrollment/qr), to scan with ATAK or iTAK; the same as `kizuna enroll-qr`.
// Operators and viewers never see the form (the node refuses them anyway). docs/web-api.md.
'use strict';
function KizunaEnrollPanel(me, writeHeaders) {
  const $ = (id) => document.getElementById(id);
  if (me.role !== 'admin') return;

  function say(text) {
    $('enroll-message').textContent = text;
  }
  async function issue(username) {
    $('enroll-result').hidden = true;
    say('');
    const res = await fetch('/api/enrollment/qr', {method: 'POST', headers: writeHeaders,
      body: JSON.stringify({username}), cache: 'no-store'});
    const answer = await res.json().catch(() => ({}));
    if (!res.ok) {
      say(answer.detail || answer.title || ('refused: ' + res.status));
      return;
    }
    // an image, not markup: the SVG cannot run anything in the page
    $('enroll-qr').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(answer.svg);
    $('enroll-uri').textContent = answer.uri;
    $('enroll-expires').textContent = answer.expiresAt;
    $('enroll-result').hidden = false;
    say('QR code for ' + username + ': scan it on the device.');
  }

  $('enroll-panel').hidden = false;
  $('enroll-form').addEventListener('submit', (e) => {
    e.preventDefault();
    issue($('enroll-name').value.trim());
  });
}
