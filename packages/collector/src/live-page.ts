import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { EVENT_TYPES } from '@codex-analytics/events';

/**
 * `GET /`: the live page. Plain HTML and one inline script (no build step): it lists the stored events from
 * `/api/stream`, newest first, filters them by type and thread, and shows the JSON of the selected one. Event
 * content only ever reaches the page through `textContent`; a per-response CSP nonce admits nothing else.
 */
export function sendLivePage(response: ServerResponse): void {
  const nonce = randomBytes(16).toString('base64');
  const html = renderLivePage(nonce);
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
  response.end(html);
}

// `<` is escaped so that no string in the JSON can close the script element.
const eventTypesJson = JSON.stringify(EVENT_TYPES).replace(/</g, '\\u003c');

function renderLivePage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Codex analytics collector</title>
<style nonce="${nonce}">
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
  header { display: flex; gap: 1rem; align-items: baseline; padding: .75rem 1rem; background: #fff; border-bottom: 1px solid #ddd; }
  h1 { font-size: 1.1rem; margin: 0; }
  h2 { font-size: 1rem; margin: 0 0 .5rem; }
  #status[data-state="open"] { color: #1a7f37; }
  #status[data-state="reconnecting"] { color: #b35900; }
  .filters { display: flex; gap: 1rem; padding: .5rem 1rem; }
  main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; padding: 0 1rem 1rem; }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 18rem; }
  tbody tr { cursor: pointer; }
  tbody tr:hover { background: #f0f4ff; }
  tbody tr[aria-selected="true"] { background: #dbe6ff; }
  #drift { margin: 0 1rem .5rem; padding: .5rem .75rem; background: #fff8e6; border: 1px solid #f0d68a; }
  #drift ul { margin: .25rem 0 0; padding-left: 1.25rem; }
  pre { background: #fff; border: 1px solid #ddd; padding: .75rem; overflow: auto; max-height: 80vh; margin: 0; }
</style>
</head>
<body>
<header>
  <h1>Codex analytics collector</h1>
  <span id="status" data-state="connecting">connecting</span>
  <span id="count" aria-live="polite">0 events</span>
</header>
<div class="filters">
  <label>Type <select id="filter-type"><option value="">all types</option></select></label>
  <label>Thread <input id="filter-thread" type="search" placeholder="thread id contains" autocomplete="off"></label>
</div>
<section id="drift" hidden aria-live="polite">
  <h2>Today's wire format and drift</h2>
  <span id="drift-summary"></span>
  <ul id="drift-list"></ul>
</section>
<main>
  <table>
    <thead><tr><th>#</th><th>received</th><th>event_type</th><th>thread_id</th><th>auth</th><th>account</th></tr></thead>
    <tbody id="event-rows"></tbody>
  </table>
  <section>
    <h2>Selected event</h2>
    <pre id="detail">Select an event to see its JSON.</pre>
  </section>
</main>
<script nonce="${nonce}">
(() => {
  'use strict';
  const EVENT_TYPES = ${eventTypesJson};
  const rows = document.getElementById('event-rows');
  const detail = document.getElementById('detail');
  const status = document.getElementById('status');
  const count = document.getElementById('count');
  const typeFilter = document.getElementById('filter-type');
  const threadFilter = document.getElementById('filter-thread');
  const events = new Map();
  let selectedRow = null;
  const driftSection = document.getElementById('drift');
  const driftSummary = document.getElementById('drift-summary');
  const driftList = document.getElementById('drift-list');
  let driftTimer = null;
  // The drift counts of /api/stats: events in today's wire format, and per event type the keys no era knows.
  const renderDrift = (drift) => {
    if (!drift) return;
    driftSection.hidden = drift.currentEraEvents === 0 && drift.driftedEvents === 0;
    driftSummary.textContent = drift.currentEraEvents + " event(s) in today's wire format, " + drift.driftedEvents + ' with keys no known era has' +
      (drift.unstoredEvents ? ', ' + drift.unstoredEvents + ' of an unknown event type (accepted, not stored)' : '');
    driftList.replaceChildren(...Object.entries(drift.byEventType).map(([type, counts]) => {
      const item = document.createElement('li');
      item.textContent = type + ' (' + counts.events + '): ' + Object.entries(counts.keys).map(([key, n]) => key + ' x' + n).join(', ');
      return item;
    }));
  };
  const refreshDrift = () => {
    if (driftTimer) return;
    driftTimer = setTimeout(() => {
      driftTimer = null;
      fetch('/api/stats').then((response) => response.json()).then((stats) => renderDrift(stats.drift), () => {});
    }, 250);
  };
  setInterval(refreshDrift, 5000);

  for (const type of EVENT_TYPES) {
    const option = document.createElement('option');
    option.value = type;
    option.textContent = type;
    typeFilter.append(option);
  }
  const initial = new URLSearchParams(location.search);
  if (EVENT_TYPES.includes(initial.get('type'))) typeFilter.value = initial.get('type');
  threadFilter.value = initial.get('thread') || '';

  const threadOf = (stored) => {
    const params = stored.event && stored.event.event_params;
    return params && typeof params.thread_id === 'string' ? params.thread_id : '';
  };
  const matches = (stored) =>
    (typeFilter.value === '' || stored.event.event_type === typeFilter.value) &&
    (threadFilter.value === '' || threadOf(stored).includes(threadFilter.value));
  const cell = (text) => {
    const td = document.createElement('td');
    td.textContent = text;
    td.title = text;
    return td;
  };
  const updateCount = () => {
    const shown = rows.querySelectorAll('tr:not([hidden])').length;
    count.textContent = events.size + ' events' + (shown === events.size ? '' : ', ' + shown + ' shown');
  };
  const select = (row) => {
    if (selectedRow) selectedRow.setAttribute('aria-selected', 'false');
    selectedRow = row;
    row.setAttribute('aria-selected', 'true');
    detail.textContent = JSON.stringify(events.get(row.dataset.eventId), null, 2);
  };
  const applyFilters = () => {
    for (const row of rows.children) row.hidden = !matches(events.get(row.dataset.eventId));
    const query = new URLSearchParams();
    if (typeFilter.value) query.set('type', typeFilter.value);
    if (threadFilter.value) query.set('thread', threadFilter.value);
    history.replaceState(null, '', query.size ? '?' + query : location.pathname);
    updateCount();
  };
  const add = (stored) => {
    const id = String(stored.id);
    if (events.has(id)) return;
    events.set(id, stored);
    const row = document.createElement('tr');
    row.dataset.eventId = id;
    row.dataset.eventType = stored.event.event_type;
    row.tabIndex = 0;
    row.setAttribute('aria-selected', 'false');
    row.append(
      cell(id),
      cell(new Date(stored.receivedAt).toISOString()),
      cell(stored.event.event_type),
      cell(threadOf(stored)),
      cell(stored.authScheme),
      cell(stored.accountId),
    );
    row.hidden = !matches(stored);
    rows.prepend(row);
    updateCount();
    refreshDrift();
  };

  rows.addEventListener('click', (event) => {
    const row = event.target.closest('tr');
    if (row) select(row);
  });
  rows.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr');
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      select(row);
    }
  });
  typeFilter.addEventListener('change', applyFilters);
  threadFilter.addEventListener('input', applyFilters);

  // after=0 replays every stored event first; on reconnect the browser sends Last-Event-ID and gets only the rest.
  const source = new EventSource('/api/stream?after=0');
  source.onopen = () => {
    refreshDrift();
    status.dataset.state = 'open';
    status.textContent = 'live';
  };
  source.onerror = () => {
    status.dataset.state = 'reconnecting';
    status.textContent = 'reconnecting';
  };
  source.onmessage = (message) => add(JSON.parse(message.data));
})();
</script>
</body>
</html>
`;
}
