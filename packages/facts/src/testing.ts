// `@codex-analytics/facts/testing`: example data for tests, so the packages above this one (and callers' tests)
// reuse one full, valid example of each fact instead of restating it. Not part of the main entry.
export { completedTurn, exampleFacts, thread } from './example-facts.js';
