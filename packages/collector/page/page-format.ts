import { el } from './page-dom.js';

// One time format everywhere (local time with milliseconds, ISO on hover), and ids shortened for narrow cells.

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `hh:mm:ss.mmm` in local time. */
export function localTime(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A `<time>` (or `tag`) with the local time, its ISO form as `datetime` and title. */
export function timeNode(ms: number, tag: 'time' | 'span' = 'time'): HTMLElement {
  const iso = new Date(ms).toISOString();
  return el(tag, { datetime: iso, title: iso, text: localTime(ms) });
}

/** A long id as its first and last nine characters. */
export function short(id: string | null | undefined): string {
  return id && id.length > 20 ? `${id.slice(0, 9)}…${id.slice(-9)}` : (id ?? '');
}
