import { byId, closestTo } from './page-dom.js';

/** Where an arrow key moves within a list of items (an index, clamped), or `undefined` for a key it ignores. */
type Move = (event: KeyboardEvent, current: HTMLElement, items: HTMLElement[], index: number) => number | undefined;

/**
 * Roving focus within `container`: one item is in the tab order; arrows move between the items matching `selector`
 * (as `move` says); Enter or Space selects the focused one.
 */
function roving(container: HTMLElement, selector: string, move: Move, select: (id: number) => void): void {
  container.addEventListener('keydown', (event) => {
    const current = closestTo(event.target, selector);
    if (!current) return;
    const items = [...container.querySelectorAll<HTMLElement>(selector)];
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(Number(current.dataset.eventId));
      return;
    }
    const to = move(event, current, items, items.indexOf(current));
    if (to === undefined) return;
    event.preventDefault();
    const next = items[Math.max(0, Math.min(items.length - 1, to))];
    if (next === undefined) return;
    current.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
}

/** Arrows move within the picture (lanes up and down to the nearest marker) and the table; Enter or Space selects. */
export function wireKeyboard(select: (id: number) => void): void {
  roving(
    byId('picture'),
    '.marker',
    (event, current, items, index) => {
      if (event.key === 'ArrowRight') return index + 1;
      if (event.key === 'ArrowLeft') return index - 1;
      if (event.key === 'Home') return 0;
      if (event.key === 'End') return items.length - 1;
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return undefined;
      const laneOf = (marker: HTMLElement): number => Number(closestTo(marker, '.lane')?.dataset.lane);
      const lane = laneOf(current) + (event.key === 'ArrowDown' ? 1 : -1);
      const x = parseFloat(current.style.left);
      let best = -1;
      items.forEach((item, candidate) => {
        if (laneOf(item) !== lane) return;
        const bestItem = items[best];
        if (bestItem === undefined || Math.abs(parseFloat(item.style.left) - x) < Math.abs(parseFloat(bestItem.style.left) - x)) best = candidate;
      });
      return best === -1 ? index : best;
    },
    select,
  );
  roving(
    byId('event-rows'),
    'tr',
    (event, _current, items, index) => {
      if (event.key === 'ArrowDown' || event.key === 'j') return index + 1;
      if (event.key === 'ArrowUp' || event.key === 'k') return index - 1;
      if (event.key === 'Home') return 0;
      if (event.key === 'End') return items.length - 1;
      return undefined;
    },
    select,
  );
}
