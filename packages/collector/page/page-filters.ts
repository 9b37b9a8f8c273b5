import { threadOf, turnOf } from './event-kinds.js';
import type { PageEvent } from './page-data.js';
import { byId, el } from './page-dom.js';
import { FILTER_KEYS } from './page-state.js';
import type { Filters } from './page-state.js';

/** Whether an event passes the filters. */
export function matches(stored: PageEvent, filters: Filters): boolean {
  if (filters.type && stored.event.event_type !== filters.type) return false;
  if (filters.thread && threadOf(stored) !== (filters.thread === '(none)' ? '' : filters.thread)) return false;
  if (filters.turn && turnOf(stored) !== filters.turn) return false;
  if (filters.account && stored.accountId !== filters.account) return false;
  if (filters.since && stored.receivedAt < Date.now() - Number(filters.since) * 1000) return false;
  return true;
}

/** The filter controls of the page, by filter. */
export type FilterControls = Record<keyof Filters, HTMLSelectElement>;

/**
 * Wires the filter controls: their values come from the URL's query, a change is written back to it (so a link
 * shows the same view) and redraws; choosing a thread clears the turn; Reset clears all.
 */
export function wireFilters(filters: Filters, eventTypes: readonly string[], render: () => void): FilterControls {
  const controls: FilterControls = {
    type: byId<HTMLSelectElement>('filter-type'),
    thread: byId<HTMLSelectElement>('filter-thread'),
    turn: byId<HTMLSelectElement>('filter-turn'),
    account: byId<HTMLSelectElement>('filter-account'),
    since: byId<HTMLSelectElement>('filter-since'),
  };
  for (const type of eventTypes) controls.type.append(el('option', { value: type, text: type }));
  const initial = new URLSearchParams(location.search);
  for (const key of FILTER_KEYS) filters[key] = initial.get(key) ?? '';
  for (const key of FILTER_KEYS) {
    const control = controls[key];
    control.dataset.filter = key;
    control.addEventListener('change', () => {
      filters[key] = control.value;
      if (key === 'thread') filters.turn = '';
      writeUrl(filters);
      render();
    });
  }
  controls.since.value = filters.since;
  controls.type.value = filters.type;
  byId('filter-reset').addEventListener('click', () => {
    for (const key of FILTER_KEYS) filters[key] = '';
    writeUrl(filters);
    render();
  });
  return controls;
}

/** The filters into the URL's query (without a history entry). */
export function writeUrl(filters: Filters): void {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) query.set(key, filters[key]);
  history.replaceState(null, '', query.size ? `?${query.toString()}` : location.pathname);
}

/**
 * A select's options: "all" and `values`, plus the current choice if it is not among them. New values arrive at the
 * end and are appended; any other change redraws the list.
 */
export function syncOptions(select: HTMLSelectElement, current: string, values: readonly string[], allLabel: string): void {
  const wanted = ['', ...values];
  if (current && !wanted.includes(current)) wanted.push(current);
  const { options } = select;
  let same = options.length <= wanted.length;
  for (let index = 0; same && index < options.length; index += 1) same = options[index]?.value === wanted[index];
  const option = (value: string): HTMLOptionElement => el('option', { value, text: value === '' ? allLabel : value });
  if (!same) select.replaceChildren(...wanted.map(option));
  else if (options.length < wanted.length) select.append(...wanted.slice(options.length).map(option));
  if (select.value !== current) select.value = current;
}
