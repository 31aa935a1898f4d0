// Sign-in: POST /api/login; the server sets the HttpOnly session cookie.
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('error');
  error.textContent = '';
  const body = JSON.stringify({
    name: document.getElementById('name').value,
    password: document.getElementById('password').value,
  });
  const res = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body});
  if (res.ok) {
    window.location.assign('/');
    return;
  }
  const problem = await res.json().catch(() => ({}));
  error.textContent = res.status === 429 ? 'Too many attempts; try again later.' : (problem.detail || 'Sign-in failed.');
});
