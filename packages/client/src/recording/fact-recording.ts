import type { CodexRuntimeMetadata, WireEra, WireEvent } from '@codex-analytics/events';
import { safeParseFact } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from '@codex-analytics/reducer';
import type { AnalyticsReducerOptions } from '@codex-analytics/reducer';
import { propertyOf } from '../property-of.js';

/** One fact of a recording: the parsed fact, the clock the reducer read for it (epoch ms), its line. */
export interface RecordedFact {
  /** 1-based line in the file. */
  line: number;
  atMs: number;
  fact: AnalyticsFact;
}

/** The facts one client recorded (a file appended by several clients has one section per client). */
export interface RecordingSection {
  originator: string | null;
  runtime: CodexRuntimeMetadata | null;
  /** The era its client emitted: `seed` for a header written before eras existed. */
  wireEra: WireEra;
  facts: RecordedFact[];
}

/** A line that could not be replayed, and why (never its values). */
export interface RecordingIssue {
  line: number;
  factType?: string;
  message: string;
}

export interface ParsedFactRecording {
  sections: RecordingSection[];
  issues: RecordingIssue[];
}

/** What one line of a recording is: a section's header, a fact, a line that could not be replayed, or nothing. */
export type RecordingEntry =
  | { kind: 'section'; section: RecordingSection }
  | { kind: 'fact'; fact: RecordedFact }
  | { kind: 'issue'; issue: RecordingIssue };

/**
 * Reads the lines of a recording one at a time, keeping nothing but the current section's originator and runtime:
 * a header line (`codexAnalyticsFacts`) starts each client's section; every other line is `{ seq, atMs, fact }`,
 * validated with the facts schema, or a `notRecorded` marker. A bad line is an issue with its number and loses
 * nothing else. The returned section's `facts` stays empty: the caller keeps what it needs.
 */
export class FactRecordingLineParser {
  #section: RecordingSection | undefined;

  /** `raw` is line number `line` (1-based), without its newline. */
  parse(raw: string, line: number): RecordingEntry | undefined {
    const text = raw.trim();
    if (text === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return { kind: 'issue', issue: { line, message: 'not valid JSON' } };
    }
    if (propertyOf(value, 'codexAnalyticsFacts') !== undefined) {
      const originator = propertyOf(value, 'originator');
      const runtime = propertyOf(value, 'runtime');
      this.#section = {
        originator: typeof originator === 'string' ? originator : null,
        runtime: typeof runtime === 'object' && runtime !== null ? (runtime as CodexRuntimeMetadata) : null,
        wireEra: propertyOf(value, 'wireEra') === 'current' ? 'current' : 'seed',
        facts: [],
      };
      return { kind: 'section', section: this.#section };
    }
    const atMs = propertyOf(value, 'atMs');
    if (typeof atMs !== 'number' || !Number.isFinite(atMs)) return { kind: 'issue', issue: { line, message: 'no `atMs` clock' } };
    const notRecorded = propertyOf(value, 'notRecorded');
    if (typeof notRecorded === 'string') {
      // The recording client could not write this fact, and said so here: the replay reports the gap.
      const seq = propertyOf(value, 'seq');
      const factType = propertyOf(value, 'factType');
      const message = `fact${typeof seq === 'number' ? ` #${seq}` : ''} was not recorded: ${notRecorded.slice(0, 200)}`;
      return { kind: 'issue', issue: { line, ...(typeof factType === 'string' ? { factType: factType.slice(0, 64) } : {}), message } };
    }
    const parsed = safeParseFact(propertyOf(value, 'fact'));
    if (!parsed.success) return { kind: 'issue', issue: { line, factType: parsed.factType, message: parsed.message } };
    return { kind: 'fact', fact: { line, atMs, fact: parsed.fact } };
  }

  /** The section a fact belongs to; a fact before any header starts one with no originator or runtime. */
  sectionForFact(): { section: RecordingSection; started: boolean } {
    if (this.#section !== undefined) return { section: this.#section, started: false };
    this.#section = { originator: null, runtime: null, wireEra: 'current', facts: [] };
    return { section: this.#section, started: true };
  }
}

/**
 * Reads a whole recording written by the client's `recordFacts` option (see `FactRecordingLineParser`); the
 * `codex-analytics replay` bin streams the file instead, with bounded memory.
 */
export function parseFactRecording(text: string): ParsedFactRecording {
  const sections: RecordingSection[] = [];
  const issues: RecordingIssue[] = [];
  const parser = new FactRecordingLineParser();
  let line = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line += 1;
    const entry = parser.parse(text.slice(start, end), line);
    start = end + 1;
    if (entry === undefined) continue;
    if (entry.kind === 'section') sections.push(entry.section);
    else if (entry.kind === 'issue') issues.push(entry.issue);
    else {
      const { section, started } = parser.sectionForFact();
      if (started) sections.push(section);
      section.facts.push(entry.fact);
    }
  }
  return { sections, issues };
}

/**
 * A reducer for one recorded section: the section's originator and runtime, and a clock set to each fact's recorded
 * time as it is ingested (`at(atMs)`), so the replay gives the events the recording client gave.
 */
export function sectionReducer(section: RecordingSection, options: AnalyticsReducerOptions = {}): { reducer: AnalyticsReducer; at: (atMs: number) => void } {
  let clock = 0;
  const reducer = new AnalyticsReducer({
    ...(section.originator === null ? {} : { originator: section.originator }),
    ...(section.runtime === null ? {} : { runtimeMetadata: section.runtime }),
    wireEra: section.wireEra,
    ...options,
    now: () => Math.max(0, Math.floor(clock / 1000)),
    nowMs: () => clock,
  });
  return {
    reducer,
    at: (atMs) => {
      clock = atMs;
    },
  };
}

export interface ReplayResult {
  /** The events, in emission order. */
  events: WireEvent[];
  /** Facts replayed. */
  facts: number;
  /** Lines that could not be replayed. */
  issues: RecordingIssue[];
}

/** Replays a recording through the reducer (one fresh reducer per section) and returns the events, as the client emitted them. */
export async function replayFactRecording(text: string, options: AnalyticsReducerOptions = {}): Promise<ReplayResult> {
  const { sections, issues } = parseFactRecording(text);
  const events: WireEvent[] = [];
  let facts = 0;
  for (const section of sections) {
    const { reducer, at } = sectionReducer(section, options);
    for (const recorded of section.facts) {
      at(recorded.atMs);
      events.push(...(await reducer.ingest(recorded.fact)));
      facts += 1;
    }
  }
  return { events, facts, issues };
}
