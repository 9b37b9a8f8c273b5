import type { PageRejection } from './page-data.js';
import { byId, el } from './page-dom.js';
import { timeNode } from './page-format.js';

/** The rejected requests, newest first, each with its first 50 problems. */
export function renderRejections(rejections: readonly PageRejection[]): void {
  byId('rejections-summary').textContent =
    rejections.length === 0 ? 'none' : `${rejections.length}${rejections.length === 1 ? ' request' : ' requests'}`;
  byId('rejections').replaceChildren(...rejections.slice().reverse().map(rejectionItem));
}

function rejectionItem(rejection: PageRejection): HTMLLIElement {
  const head = el(
    'div',
    { class: 'rejection-head' },
    el('span', { class: 'status', text: rejection.status === null ? '—' : String(rejection.status) }),
    el('strong', { text: rejection.reason }),
    timeNode(rejection.receivedAt),
    el('code', { text: `${rejection.method} ${rejection.path}` }),
  );
  const item = el('li', { class: 'rejection', 'data-reason': rejection.reason }, head, el('p', { class: 'message', text: rejection.message }));
  const errors = rejection.errors ?? [];
  if (errors.length === 0) return item;
  const table = el(
    'table',
    { class: 'errors' },
    el('thead', {}, el('tr', {}, el('th', { text: 'index' }), el('th', { text: 'event_type' }), el('th', { text: 'path' }), el('th', { text: 'problem' }))),
  );
  const tbody = el('tbody');
  for (const error of errors.slice(0, 50)) {
    tbody.append(
      el(
        'tr',
        {},
        el('td', { text: error.index === null ? 'body' : String(error.index) }),
        el('td', { text: error.event_type || '—' }),
        el('td', {}, el('code', { text: error.path || '(root)' })),
        el('td', { text: error.message }),
      ),
    );
  }
  table.append(tbody);
  item.append(table);
  const more = rejection.errorCount - Math.min(50, errors.length);
  if (more > 0) item.append(el('p', { class: 'more', text: `… and ${more} more error(s)` }));
  return item;
}
