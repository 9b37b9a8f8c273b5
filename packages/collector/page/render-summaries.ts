import { kindOf } from './event-kinds.js';
import type { PageDrift, PageEvent } from './page-data.js';
import { byId, el } from './page-dom.js';
import { localTime, timeNode } from './page-format.js';

/**
 * Counts per type: every known type (zeros visible), and a row for each unknown type once seen (drift). Each count is
 * the larger of the events this page received and what the store says it holds (`storedByType`, for a shared store).
 */
export function renderCounts(
  events: readonly PageEvent[],
  eventTypes: readonly string[],
  activeType: string,
  storedByType: Readonly<Record<string, number>> = {},
): void {
  const counts = new Map<string, number>(eventTypes.map((type) => [type, 0]));
  for (const stored of events) counts.set(stored.event.event_type, (counts.get(stored.event.event_type) ?? 0) + 1);
  for (const [type, count] of Object.entries(storedByType)) {
    if (count > (counts.get(type) ?? 0)) counts.set(type, count);
  }
  const max = Math.max(1, ...counts.values());
  byId('counts').replaceChildren(
    ...[...counts].map(([type, count]) => {
      const bar = el('span', { class: `bar kind-${kindOf(type)[0]}` });
      bar.style.width = `${(100 * count) / max}%`;
      return el(
        'button',
        {
          type: 'button',
          class: `count-row${count === 0 ? ' zero' : ''}${activeType === type ? ' active' : ''}`,
          'data-type': type,
          'data-count': count,
          title: count === 0 ? `${type}: none received` : `show only ${type}`,
        },
        el('span', { class: 'count-type', text: type }),
        el('span', { class: 'count-bar' }, bar),
        el('span', { class: 'count-n', text: String(count) }),
      );
    }),
  );
  const seen = eventTypes.filter((type) => (counts.get(type) ?? 0) > 0).length;
  const unknown = counts.size - eventTypes.length;
  byId('counts-summary').textContent = `${seen} of ${eventTypes.length} types seen${unknown > 0 ? `, ${unknown} unknown (drift)` : ''}`;
}

/** The rate over time: 40 buckets from the first event to now, at most a minute past the last event. */
export function renderRate(events: readonly PageEvent[]): void {
  const rate = byId('rate');
  const firstEvent = events[0];
  const lastEvent = events[events.length - 1];
  if (firstEvent === undefined || lastEvent === undefined) {
    rate.replaceChildren();
    byId('rate-summary').textContent = 'no events yet';
    return;
  }
  // So a quiet hour does not squash the bars.
  const start = firstEvent.receivedAt;
  const last = lastEvent.receivedAt;
  const end = Math.max(last + 1000, Math.min(Date.now(), last + 60_000), start + 10_000);
  const buckets = 40;
  const width = (end - start) / buckets;
  const counts = new Array<number>(buckets).fill(0);
  for (const stored of events) {
    const bucket = Math.min(buckets - 1, Math.floor((stored.receivedAt - start) / width));
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  const max = Math.max(1, ...counts);
  rate.replaceChildren(
    ...counts.map((count, index) => {
      const title = `${count} events from ${localTime(start + index * width)} to ${localTime(start + (index + 1) * width)}`;
      const bar = el('span', { class: 'rate-bar', title });
      bar.style.height = count === 0 ? '0' : `${Math.max(4, (100 * count) / max)}%`;
      return bar;
    }),
  );
  const perSecond = (max / (width / 1000)).toFixed(width >= 1000 ? 1 : 0);
  byId('rate-summary').replaceChildren(`peak ${perSecond}/s · `, timeNode(start), ' → ', timeNode(end));
}

/** Drift: events in today's wire format, those with unknown keys, and each unknown key's count per type. */
export function renderDrift(drift: PageDrift | null): void {
  const section = byId('drift');
  if (!drift || (drift.currentEraEvents === 0 && drift.driftedEvents === 0)) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  byId('drift-summary').textContent =
    `${drift.currentEraEvents} in today's wire format · ${drift.driftedEvents} with unknown keys` +
    (drift.unstoredEvents ? ` · ${drift.unstoredEvents} of an unknown type (not stored)` : '');
  byId('drift-list').replaceChildren(
    ...Object.entries(drift.byEventType).map(([type, counts]) =>
      el(
        'li',
        {},
        el('strong', { text: `${type} ×${counts.events}: ` }),
        Object.entries(counts.keys)
          .map(([key, n]) => `${key} ×${n}`)
          .join(', '),
      ),
    ),
  );
}
