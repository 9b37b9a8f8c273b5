import { paramsOf, threadOf, turnOf } from './event-kinds.js';
import { createEventDetail } from './event-detail.js';
import { createEventTable } from './event-table.js';
import { wireKeyboard } from './keyboard-navigation.js';
import type { PageConfig, PageDrift, PageEvent, PageRejection } from './page-data.js';
import { byId, closestTo, readFetch } from './page-dom.js';
import { matches, syncOptions, wireFilters, writeUrl } from './page-filters.js';
import { createPageState } from './page-state.js';
import { renderRejections } from './render-rejections.js';
import { renderCounts, renderDrift, renderRate } from './render-summaries.js';
import { createSessionPicture } from './session-picture.js';

// The live page's script: bundled from these modules into one script (scripts/bundle-live-page.mjs) that the server
// sends inline under the page's CSP nonce. Event content only ever reaches the DOM through textContent and attributes.

const config = JSON.parse(byId('page-config').textContent ?? '{}') as PageConfig;
const EVENT_TYPES = config.eventTypes;
const state = createPageState();
const { filters } = state;

const picture = createSessionPicture();
const table = createEventTable();
const detail = createEventDetail(config.fields);
let rejectionsDrawn = -1;

// ---- rendering, at most once a frame ----
let queued = false;
const render = (): void => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    draw();
  });
};

const controls = wireFilters(filters, EVENT_TYPES, render);

const draw = (): void => {
  const { events, rejections, selectedId } = state;
  // The rows and markers are drawn anew: keep the keyboard focus on the same event.
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const focusSelector = active?.dataset.eventId
    ? `${active.matches('.marker') ? '#picture .marker' : '#event-rows tr'}[data-event-id="${active.dataset.eventId}"]`
    : null;
  syncOptions(controls.thread, filters.thread, [...state.threadsSeen].map((thread) => thread || '(none)'), 'all threads');
  const inThread = (stored: PageEvent): boolean => !filters.thread || threadOf(stored) === (filters.thread === '(none)' ? '' : filters.thread);
  syncOptions(controls.turn, filters.turn, [...new Set(events.filter(inThread).map(turnOf).filter(Boolean))], 'all turns');
  syncOptions(controls.account, filters.account, [...state.accountsSeen], 'all accounts');
  syncOptions(controls.type, filters.type, EVENT_TYPES.concat([...state.typesSeen].filter((type) => !EVENT_TYPES.includes(type))), 'all types');
  controls.type.value = filters.type;
  controls.since.value = filters.since;
  const shown = events.filter((stored) => matches(stored, filters));
  // A shared store may hold more than this page received: say so.
  const held = Math.max(events.length, state.stored?.events ?? 0);
  const received = held > events.length ? ` (${events.length} received here)` : '';
  byId('count').textContent = `${held} events${received}${shown.length === events.length ? '' : `, ${shown.length} shown`}`;
  byId('rejected-count').textContent = rejections.length ? `${rejections.length} rejected` : '';
  picture.render(shown, JSON.stringify(filters), selectedId, state.threadInfo);
  table.render(shown, selectedId);
  renderCounts(events, EVENT_TYPES, filters.type, state.stored?.byType);
  renderRate(events);
  if (rejectionsDrawn !== state.rejectionsVersion) {
    rejectionsDrawn = state.rejectionsVersion;
    renderRejections(rejections);
  }
  renderDrift(state.drift);
  detail.render(selectedId === null ? undefined : state.byId.get(selectedId));
  const again = focusSelector ? document.querySelector<HTMLElement>(focusSelector) : null;
  if (again && again !== document.activeElement) {
    const container = again.closest('#picture, #event-rows');
    for (const other of container?.querySelectorAll<HTMLElement>('[tabindex="0"]') ?? []) other.tabIndex = -1;
    again.tabIndex = 0;
    again.focus({ preventScroll: true });
  }
  document.body.dataset.rendered = `${events.length}/${rejections.length}`;
};

const select = (id: number): void => {
  state.selectedId = id;
  render();
};

// ---- selection: click or keyboard; Escape deselects, `/` goes to the filters ----
wireKeyboard(select);
byId('picture').addEventListener('click', (event) => {
  const marker = closestTo(event.target, '.marker');
  if (marker) select(Number(marker.dataset.eventId));
});
byId('event-rows').addEventListener('click', (event) => {
  const row = closestTo(event.target, 'tr');
  if (row) select(Number(row.dataset.eventId));
});
byId('counts').addEventListener('click', (event) => {
  const row = closestTo(event.target, '.count-row');
  if (!row) return;
  const type = row.dataset.type ?? '';
  filters.type = filters.type === type ? '' : type;
  writeUrl(filters);
  render();
});
document.addEventListener('keydown', (event) => {
  if (closestTo(event.target, 'input, select, textarea, dialog')) return;
  if (event.key === 'Escape' && state.selectedId !== null) {
    state.selectedId = null;
    render();
  } else if (event.key === '/') {
    event.preventDefault();
    controls.type.focus();
  }
});

// ---- clear, with a confirmation ----
const dialog = byId<HTMLDialogElement>('clear-dialog');
byId('clear').addEventListener('click', () => {
  byId('clear-count').textContent = `${state.events.length} event(s) and ${state.rejections.length} rejected request(s)`;
  dialog.showModal();
});
dialog.addEventListener('close', () => {
  if (dialog.returnValue !== 'clear') return;
  readFetch('/api/events', { method: 'DELETE' }).catch(() => undefined);
});
const clearAll = (): void => {
  state.events.length = 0;
  state.byId.clear();
  state.threadsSeen.clear();
  state.accountsSeen.clear();
  state.threadInfo.clear();
  state.rejections = [];
  state.rejectionsVersion += 1;
  state.stored = null;
  state.selectedId = null;
  render();
};

// ---- polling what the stream does not carry: drift (stats) and the rejections on (re)connect ----
let driftJson = 'null';
let storedJson = 'null';
interface PageStats {
  drift?: PageDrift | null;
  storedEvents?: number;
  eventsByType?: Record<string, number>;
}
const refreshStats = (): Promise<void> =>
  readFetch('/api/stats')
    .then((response) => response.json() as Promise<PageStats>)
    .then(
      (stats) => {
        const stored = typeof stats.storedEvents === 'number' ? { events: stats.storedEvents, byType: stats.eventsByType ?? {} } : null;
        const nextStored = JSON.stringify(stored);
        if (nextStored !== storedJson) {
          storedJson = nextStored;
          state.stored = stored;
          render();
        }
        const next = JSON.stringify(stats.drift ?? null);
        if (next === driftJson) return;
        driftJson = next;
        state.drift = stats.drift ?? null;
        renderDrift(state.drift);
      },
      () => undefined,
    );
const refreshRejections = (): Promise<void> =>
  readFetch('/api/rejections')
    .then((response) => response.json() as Promise<{ rejections: PageRejection[] }>)
    .then(
      (body) => {
        state.rejections = body.rejections;
        state.rejectionsVersion += 1;
        render();
      },
      () => undefined,
    );
setInterval(() => {
  void refreshStats();
  if (filters.since) render();
  else renderRate(state.events);
}, 2000);

// ---- the live stream: after=0 replays every stored event first; on reconnect the browser sends Last-Event-ID ----
const source = new EventSource('/api/stream?after=0');
const status = byId('status');
source.onopen = () => {
  status.dataset.state = 'open';
  status.textContent = 'live';
  void refreshRejections();
  void refreshStats();
};
source.onerror = () => {
  status.dataset.state = 'reconnecting';
  status.textContent = 'reconnecting';
  // Refused (not merely cut): ask whether the read token is the reason.
  if (source.readyState === EventSource.CLOSED) void refreshStats();
};
source.onmessage = (message: MessageEvent<string>) => {
  const stored = JSON.parse(message.data) as PageEvent;
  if (state.byId.has(stored.id)) return;
  state.byId.set(stored.id, stored);
  state.events.push(stored);
  state.threadsSeen.add(threadOf(stored));
  state.accountsSeen.add(stored.accountId);
  state.typesSeen.add(stored.event.event_type);
  if (stored.event.event_type === 'codex_thread_initialized') state.threadInfo.set(threadOf(stored), paramsOf(stored));
  render();
};
source.addEventListener('rejection', (message: MessageEvent<string>) => {
  const rejection = JSON.parse(message.data) as PageRejection;
  if (state.rejections.some((known) => known.id === rejection.id)) return;
  state.rejections.push(rejection);
  // The collector keeps the last 500; so does the page.
  if (state.rejections.length > 500) state.rejections = state.rejections.slice(-500);
  state.rejectionsVersion += 1;
  render();
});
source.addEventListener('cleared', clearAll);
// The picture squeezes its pauses to the width: a new width, a new squeeze.
addEventListener('resize', render);
render();
