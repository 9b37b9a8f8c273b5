import { kindOf, threadOf, turnOf } from './event-kinds.js';
import type { PageEvent } from './page-data.js';
import { byId, el } from './page-dom.js';
import { short, timeNode } from './page-format.js';

const MAX_ROWS = 500;

export interface EventTable {
  /** Draws the newest 500 shown events, newest first; a row is kept per event id, so a new event adds only its row. */
  render(shown: readonly PageEvent[], selectedId: number | null): void;
}

export function createEventTable(): EventTable {
  const body = byId('event-rows');
  let tableRows = new Map<number, HTMLTableRowElement>();
  const makeRow = (stored: PageEvent, selectedId: number | null): HTMLTableRowElement =>
    el(
      'tr',
      { 'data-event-id': stored.id, 'data-event-type': stored.event.event_type, 'aria-selected': String(stored.id === selectedId), tabindex: '-1' },
      el('td', { text: String(stored.id) }),
      el('td', {}, timeNode(stored.receivedAt)),
      el('td', {}, el('span', { class: `dot kind-${kindOf(stored.event.event_type)[0]}` }), stored.event.event_type),
      el('td', { title: threadOf(stored), text: short(threadOf(stored)) }),
      el('td', { title: turnOf(stored), text: short(turnOf(stored)) }),
      el('td', { title: `${stored.accountId} (${stored.authScheme})`, text: stored.accountId }),
    );
  return {
    render: (shown, selectedId) => {
      const newest = shown.slice(-MAX_ROWS).reverse();
      const rows = new Map<number, HTMLTableRowElement>();
      const ordered = newest.map((stored) => {
        const row = tableRows.get(stored.id) ?? makeRow(stored, selectedId);
        const selected = String(stored.id === selectedId);
        if (row.getAttribute('aria-selected') !== selected) row.setAttribute('aria-selected', selected);
        rows.set(stored.id, row);
        return row;
      });
      tableRows = rows;
      let same = body.children.length === ordered.length;
      for (let index = 0; same && index < ordered.length; index += 1) same = body.children[index] === ordered[index];
      if (!same) body.replaceChildren(...ordered);
      const focusable =
        body.querySelector<HTMLElement>('tr[aria-selected="true"]') ??
        body.querySelector<HTMLElement>('tr[tabindex="0"]') ??
        (body.firstElementChild as HTMLElement | null);
      for (const other of body.querySelectorAll<HTMLElement>('tr[tabindex="0"]')) if (other !== focusable) other.tabIndex = -1;
      if (focusable && focusable.tabIndex !== 0) focusable.tabIndex = 0;
      byId('table-note').textContent = shown.length > MAX_ROWS ? `newest ${MAX_ROWS} of ${shown.length} shown` : '';
    },
  };
}
