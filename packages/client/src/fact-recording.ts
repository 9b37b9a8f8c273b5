import type { CodexRuntimeMetadata, TrackEventRequest } from '@codex-analytics/events';
import { safeParseFact } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import { AnalyticsReducer } from '@codex-analytics/reducer';
import type { AnalyticsReducerOptions } from '@codex-analytics/reducer';
import { propertyOf } from './dedupe-ids.js';

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

/**
 * Reads a recording written by the client's `recordFacts` option: a header line (`codexAnalyticsFacts`) starts each
 * client's section with its originator and runtime; every other line is `{ seq, atMs, fact }`, validated with the
 * facts schema. A bad line is reported with its number and loses nothing else.
 */
export function parseFactRecording(text: string): ParsedFactRecording {
  const sections: RecordingSection[] = [];
  const issues: RecordingIssue[] = [];
  let section: RecordingSection | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const raw = (lines[index] ?? '').trim();
    if (raw === '') continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      issues.push({ line, message: 'not valid JSON' });
      continue;
    }
    if (propertyOf(value, 'codexAnalyticsFacts') !== undefined) {
      const originator = propertyOf(value, 'originator');
      const runtime = propertyOf(value, 'runtime');
      section = {
        originator: typeof originator === 'string' ? originator : null,
        runtime: typeof runtime === 'object' && runtime !== null ? (runtime as CodexRuntimeMetadata) : null,
        facts: [],
      };
      sections.push(section);
      continue;
    }
    const atMs = propertyOf(value, 'atMs');
    if (typeof atMs !== 'number' || !Number.isFinite(atMs)) {
      issues.push({ line, message: 'no `atMs` clock' });
      continue;
    }
    const notRecorded = propertyOf(value, 'notRecorded');
    if (typeof notRecorded === 'string') {
      // The recording client could not write this fact, and said so here: the replay reports the gap.
      const seq = propertyOf(value, 'seq');
      const factType = propertyOf(value, 'factType');
      issues.push({
        line,
        ...(typeof factType === 'string' ? { factType: factType.slice(0, 64) } : {}),
        message: `fact${typeof seq === 'number' ? ` #${seq}` : ''} was not recorded: ${notRecorded.slice(0, 200)}`,
      });
      continue;
    }
    const parsed = safeParseFact(propertyOf(value, 'fact'));
    if (!parsed.success) {
      issues.push({ line, factType: parsed.factType, message: parsed.message });
      continue;
    }
    if (section === undefined) {
      section = { originator: null, runtime: null, facts: [] };
      sections.push(section);
    }
    section.facts.push({ line, atMs, fact: parsed.fact });
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
    ...options,
    now: () => Math.max(0, Math.floor(clock / 1000)),
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
  events: TrackEventRequest[];
  /** Facts replayed. */
  facts: number;
  /** Lines that could not be replayed. */
  issues: RecordingIssue[];
}

/** Replays a recording through the reducer (one fresh reducer per section) and returns the events, as the client emitted them. */
export async function replayFactRecording(text: string, options: AnalyticsReducerOptions = {}): Promise<ReplayResult> {
  const { sections, issues } = parseFactRecording(text);
  const events: TrackEventRequest[] = [];
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
