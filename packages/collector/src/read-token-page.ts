import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { READ_TOKEN_HEADER } from './read-access.js';

/** The key under which the page keeps the read token for the tab. */
export const READ_TOKEN_STORAGE_KEY = 'codex-analytics-read-token';

/**
 * `GET /` for a reader without access: 401 and a form asking for the read token. The token is kept for the tab in
 * `sessionStorage` and sent once to `POST /api/session` (in a header), which sets the stream ticket cookie; the page
 * then reloads into the live page. It shows no event, count or rejection.
 */
export function sendReadTokenPage(response: ServerResponse): void {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Codex analytics collector: read token</title>
<style nonce="${nonce}">body{font:15px system-ui,sans-serif;margin:3rem auto;max-width:32rem}input{width:100%;padding:.4rem}p.error{color:#b00}</style>
</head><body>
<h1>Read token</h1>
<p>This collector asks for its read token. It is kept in this tab only.</p>
<form id="token-form"><label>Token <input id="token" type="password" autocomplete="off" required></label>
<p><button type="submit">Open</button></p><p id="error" class="error" role="alert"></p></form>
<script nonce="${nonce}">
(() => {
  const key = ${JSON.stringify(READ_TOKEN_STORAGE_KEY)};
  const error = document.getElementById('error');
  const open = (token, remembered) => fetch('/api/session', {
    method: 'POST',
    headers: { ${JSON.stringify(READ_TOKEN_HEADER)}: token, 'content-type': 'application/json' },
    body: '{}',
  }).then((response) => {
    if (response.ok) { sessionStorage.setItem(key, token); location.reload(); return; }
    sessionStorage.removeItem(key);
    if (!remembered) error.textContent = response.status === 401 ? 'That is not the read token.' : 'The collector refused (' + response.status + ').';
  }, () => { error.textContent = 'The collector cannot be reached.'; });
  const kept = sessionStorage.getItem(key);
  if (kept) open(kept, true);
  document.getElementById('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    open(document.getElementById('token').value.trim(), false);
  });
})();
</script></body></html>`;
  response.writeHead(401, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  });
  response.end(html);
}
