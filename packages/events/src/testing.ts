// `@codex-analytics/events/testing`: example data for tests, so the packages above this one (and callers' tests)
// reuse one full, valid example of each event instead of restating it. Not part of the main entry.
export { exampleEvents } from './example-events.js';
