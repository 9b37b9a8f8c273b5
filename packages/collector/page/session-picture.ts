import { kindOf, outcomeOf, paramsOf, threadOf, turnOf } from './event-kinds.js';
import type { EventParams, PageEvent } from './page-data.js';
import { byId, el } from './page-dom.js';
import { localTime, short, timeNode } from './page-format.js';

// The session picture: threads as lanes, turns as bars, events as markers in arrival order on a time axis.
//
// A virtualised list: one lane per thread, each 48 px high, but only the lanes in view (and a few around) exist in the
// DOM, so 10,000 threads cost what 20 do. Updates are incremental: lanes are kept per thread and redrawn only when what
// they show changed (their events, the selection, their label), so a new event touches its own lane (and the axis);
// markers keep their x (a cumulative position from the first event shown; the view scrolls with one CSS variable), so
// the older lanes stay as they are when the newest 1000 move on.

const LABEL = 168;
const GAP = 22;
const LANE_HEIGHT = 48;
const AXIS_HEIGHT = 22;
const OVERSCAN = 3;
/** The picture draws the newest events only, so a long session stays quick to redraw (the table and counts see all). */
const MAX_MARKERS = 1000;

interface Lane {
  element: HTMLDivElement;
  label: HTMLDivElement;
  layer: HTMLDivElement;
  index: number;
  signature: string | null;
  notes: string | null;
  markers: Map<number, HTMLButtonElement>;
  bars: Map<string, HTMLDivElement>;
}

interface TurnSpan {
  from: number;
  to: number;
  status: string;
}

export interface SessionPicture {
  /** Draws the picture of the shown events (the newest MAX_MARKERS of them), `filterKey` naming the filters. */
  render(shown: readonly PageEvent[], filterKey: string, selectedId: number | null, threadInfo: ReadonlyMap<string, EventParams>): void;
}

/** The x-distance an idle gap adds before an event (log-compressed). */
function stretchOf(stored: PageEvent, previous: PageEvent | null): number {
  return previous ? Math.min(160, 18 * Math.log1p(Math.max(0, stored.receivedAt - previous.receivedAt) / 250)) : 0;
}

/**
 * Time runs left to right. Idle gaps are compressed (log scale), squeezed further to fit the width when they can be,
 * and events never overlap (a minimum gap), so one glance shows the order of a burst and the pauses between.
 */
function squeezeFactor(windowed: readonly PageEvent[], available: number): number {
  const base = 12 + Math.max(0, windowed.length - 1) * GAP + 40;
  let extra = 0;
  for (let index = 1; index < windowed.length; index += 1) extra += stretchOf(windowed[index]!, windowed[index - 1]!);
  return extra > 0 && base + extra > available ? Math.max(0, (available - base) / extra) : 1;
}

function laneNotes(info: EventParams | undefined): string {
  if (!info) return '';
  const parent = typeof info.parent_thread_id === 'string' && info.parent_thread_id ? `from ${short(info.parent_thread_id)}` : null;
  const mode = typeof info.initialization_mode === 'string' ? info.initialization_mode : null;
  return [mode, info.thread_source === 'subagent' ? 'sub-agent' : null, parent].filter(Boolean).join(' · ');
}

function createLane(thread: string): Lane {
  const label = el('div', { class: 'lane-label', title: thread || 'events without a thread (plugins)' });
  const layer = el('div', { class: 'layer' });
  const track = el('div', { class: 'track' }, layer);
  const element = el('div', { class: 'lane', 'data-thread': thread }, label, track);
  return { element, label, layer, index: -1, signature: null, notes: null, markers: new Map(), bars: new Map() };
}

export function createSessionPicture(): SessionPicture {
  const picture = byId('picture');
  const axisTrack = el('div', { class: 'track' });
  const axisLayer = el('div', { class: 'layer' });
  axisTrack.append(axisLayer);
  const axis = el('div', { class: 'lane axis', 'aria-hidden': 'true' }, el('div', { class: 'lane-label', text: 'received' }), axisTrack);
  const lanesBox = el('div', { class: 'lanes' });
  picture.replaceChildren(axis, lanesBox);

  // Positions: x of every shown event, cumulative from the first one shown, for one filter and one squeeze factor.
  let positions = new Map<number, number>();
  let positioned: PageEvent[] = [];
  let layoutKey = '';
  // Grows whenever positions are computed from scratch: every lane in view is then placed again.
  let positionsVersion = 0;
  const laneElements = new Map<string, Lane>();
  let model: { order: string[]; byThread: Map<string, PageEvent[]> } = { order: [], byThread: new Map() };
  let lastArgs: { selectedId: number | null; threadInfo: ReadonlyMap<string, EventParams> } | null = null;
  const xOf = (stored: PageEvent): number => positions.get(stored.id) ?? 0;

  const place = (shown: readonly PageEvent[], factor: number, key: string): void => {
    // Only new events at the end: extend. Anything else (a filter, a clear, a new factor): from scratch.
    const appended =
      key === layoutKey &&
      positioned.length > 0 &&
      positioned.length <= shown.length &&
      shown[positioned.length - 1] === positioned[positioned.length - 1] &&
      shown[0] === positioned[0];
    if (!appended) {
      positionsVersion += 1;
      positions = new Map();
      positioned = [];
      layoutKey = key;
    }
    for (let index = positioned.length; index < shown.length; index += 1) {
      const stored = shown[index]!;
      const previous = index === 0 ? null : shown[index - 1]!;
      positions.set(stored.id, previous ? xOf(previous) + GAP + stretchOf(stored, previous) * factor : 0);
      positioned.push(stored);
    }
  };

  const drawLane = (lane: Lane, thread: string, laneEvents: readonly PageEvent[], notes: string, selectedId: number | null): void => {
    if (lane.notes !== notes) {
      lane.notes = notes;
      lane.label.replaceChildren(el('strong', { text: thread ? short(thread) : 'no thread' }));
      if (notes) lane.label.append(el('small', { text: notes }));
    }
    const keep = new Set<number>();
    // Turns: a bar from the first to the last event of the turn in this lane, coloured by how the turn ended.
    const turns = new Map<string, TurnSpan>();
    for (const stored of laneEvents) {
      keep.add(stored.id);
      const turn = turnOf(stored);
      if (!turn) continue;
      const x = xOf(stored);
      const span = turns.get(turn) ?? { from: Infinity, to: -Infinity, status: '' };
      span.from = Math.min(span.from, x);
      span.to = Math.max(span.to, x);
      if (stored.event.event_type === 'codex_turn_event') {
        const status = paramsOf(stored).status;
        span.status = typeof status === 'string' && status ? status : 'ended';
      }
      turns.set(turn, span);
    }
    for (const [turn, bar] of lane.bars) {
      if (!turns.has(turn)) {
        bar.remove();
        lane.bars.delete(turn);
      }
    }
    for (const [turn, span] of turns) {
      let bar = lane.bars.get(turn);
      const state = `${span.status}|${span.from}|${span.to}`;
      if (bar && bar.dataset.state === state) continue;
      if (!bar) {
        bar = el('div', {});
        lane.bars.set(turn, bar);
        // Bars go under the markers, in the order their turns appear.
        lane.layer.insertBefore(bar, lane.layer.querySelector('.marker'));
      }
      bar.dataset.state = state;
      bar.className = `turn ${span.status ? `turn-${span.status}` : 'turn-open'}`;
      bar.title = `turn ${turn}${span.status ? ` (${span.status})` : ' (no turn event yet)'}`;
      bar.style.left = `${span.from - 10}px`;
      bar.style.width = `${span.to - span.from + 20}px`;
      bar.replaceChildren(el('span', { class: 'turn-label', text: short(turn) + (span.status ? ` · ${span.status}` : '') }));
    }
    for (const [id, marker] of lane.markers) {
      if (!keep.has(id)) {
        marker.remove();
        lane.markers.delete(id);
      }
    }
    for (const stored of laneEvents) {
      let marker = lane.markers.get(stored.id);
      if (!marker) {
        const [kind, glyph, name] = kindOf(stored.event.event_type);
        const outcome = outcomeOf(stored);
        const turn = turnOf(stored);
        marker = el('button', {
          type: 'button',
          class: `marker kind-${kind}${outcome ? ` ${outcome}` : ''}`,
          'data-event-id': stored.id,
          tabindex: '-1',
          title: `#${stored.id} ${stored.event.event_type} · ${localTime(stored.receivedAt)}${turn ? ` · turn ${turn}` : ''}`,
          'aria-label': `${name} #${stored.id}`,
          text: glyph,
        });
        lane.markers.set(stored.id, marker);
        lane.layer.append(marker);
      }
      const left = `${xOf(stored) - 10}px`;
      if (marker.style.left !== left) marker.style.left = left;
      const pressed = String(stored.id === selectedId);
      if (marker.getAttribute('aria-pressed') !== pressed) marker.setAttribute('aria-pressed', pressed);
    }
  };

  const drawAxis = (windowed: readonly PageEvent[]): void => {
    // A tick with the local time wherever a new second starts (and at the first event).
    const ticks: HTMLElement[] = [];
    let lastTick = -Infinity;
    let lastSecond: number | null = null;
    for (const stored of windowed) {
      const second = Math.floor(stored.receivedAt / 1000);
      const at = xOf(stored);
      if (second !== lastSecond && at - lastTick >= 96) {
        const tick = el('span', { class: 'tick' }, timeNode(stored.receivedAt));
        tick.style.left = `${at}px`;
        ticks.push(tick);
        lastTick = at;
      }
      lastSecond = second;
    }
    axisLayer.replaceChildren(...ticks);
  };

  // Draws the lanes in view; the others leave the DOM.
  const drawVisible = (): void => {
    if (!lastArgs) return;
    const { selectedId, threadInfo } = lastArgs;
    const { order, byThread } = model;
    const from = Math.max(0, Math.floor(Math.max(0, picture.scrollTop - AXIS_HEIGHT) / LANE_HEIGHT) - OVERSCAN);
    const to = Math.min(order.length, Math.ceil((picture.scrollTop + picture.clientHeight) / LANE_HEIGHT) + OVERSCAN);
    const wanted = new Set(order.slice(from, to));
    for (const [thread, lane] of laneElements) {
      if (!wanted.has(thread)) {
        lane.element.remove();
        laneElements.delete(thread);
      }
    }
    let previous: HTMLElement | null = null;
    for (let index = from; index < to; index += 1) {
      const thread = order[index]!;
      let lane = laneElements.get(thread);
      if (!lane) {
        lane = createLane(thread);
        laneElements.set(thread, lane);
      }
      if (lane.index !== index) {
        lane.index = index;
        lane.element.style.top = `${index * LANE_HEIGHT}px`;
        lane.element.dataset.lane = String(index);
      }
      const laneEvents = byThread.get(thread) ?? [];
      const selectedHere = laneEvents.some((stored) => stored.id === selectedId) ? String(selectedId) : '';
      const notes = laneNotes(threadInfo.get(thread));
      const signature = `${positionsVersion}|${selectedHere}|${notes}|${laneEvents.map((stored) => stored.id).join(',')}`;
      if (lane.signature !== signature) {
        lane.signature = signature;
        drawLane(lane, thread, laneEvents, notes, selectedId);
      }
      // Document order follows lane order (the keyboard moves through it).
      const expected: ChildNode | null = previous ? previous.nextSibling : lanesBox.firstChild;
      if (expected !== lane.element) lanesBox.insertBefore(lane.element, expected);
      previous = lane.element;
    }
    const markers = picture.querySelectorAll<HTMLElement>('.marker');
    const focusable =
      picture.querySelector<HTMLElement>('.marker[aria-pressed="true"]') ??
      picture.querySelector<HTMLElement>('.marker[tabindex="0"]') ??
      markers[markers.length - 1];
    for (const other of picture.querySelectorAll<HTMLElement>('.marker[tabindex="0"]')) if (other !== focusable) other.tabIndex = -1;
    if (focusable && focusable.tabIndex !== 0) focusable.tabIndex = 0;
  };

  let scrollQueued = false;
  picture.addEventListener('scroll', () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      drawVisible();
    });
  });

  return {
    render: (shown, filterKey, selectedId, threadInfo) => {
      const windowed = shown.length > MAX_MARKERS ? shown.slice(-MAX_MARKERS) : shown;
      byId('picture-note').textContent = shown.length > MAX_MARKERS ? `newest ${MAX_MARKERS} of ${shown.length} drawn` : '';
      const factor = squeezeFactor(windowed, picture.clientWidth - LABEL - 8);
      place(shown, factor, `${filterKey}|${factor}`);
      const byThread = new Map<string, PageEvent[]>();
      for (const stored of windowed) {
        const thread = threadOf(stored);
        let list = byThread.get(thread);
        if (list === undefined) {
          list = [];
          byThread.set(thread, list);
        }
        list.push(stored);
      }
      model = { order: [...byThread.keys()], byThread };
      lastArgs = { selectedId, threadInfo };
      const first = windowed[0];
      const last = windowed[windowed.length - 1];
      const start = first ? xOf(first) : 0;
      const end = last ? xOf(last) : 0;
      picture.style.setProperty('--shift', `${12 - start}px`);
      picture.style.setProperty('--track-width', `${end - start + 52}px`);
      lanesBox.style.height = `${model.order.length * LANE_HEIGHT}px`;
      drawAxis(windowed);
      drawVisible();
      byId('picture-empty').hidden = windowed.length > 0;
    },
  };
}
