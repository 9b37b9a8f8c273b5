// The clients under test, in table order. Each adapter module is imported only in the child that runs it.

export const CLIENTS = ['baseline', 'ours', 'segment', 'posthog'];

export const CLIENT_LABELS = {
  baseline: 'baseline (undici, by hand)',
  ours: 'ours (@codex-analytics/client)',
  segment: '@segment/analytics-node',
  posthog: 'posthog-node',
};

const MODULES = {
  baseline: './baseline-adapter.mjs',
  ours: './ours-adapter.mjs',
  segment: './segment-adapter.mjs',
  posthog: './posthog-adapter.mjs',
};

/** Imports the adapter of `name` and creates it against `sinkUrl`. */
export async function loadAdapter(name, sinkUrl) {
  const module = await importAdapter(name);
  return module.createAdapter({ sinkUrl });
}

/**
 * Imports the adapter of `name` and everything its client loads at import (the client's package, its
 * dependencies), without constructing it: `createAdapter` then only constructs. An adapter that imports its
 * client lazily says how in `preload`.
 */
export async function importAdapter(name) {
  if (!Object.hasOwn(MODULES, name)) throw new Error(`unknown client ${name}; expected one of ${CLIENTS.join(', ')}`);
  const module = await import(MODULES[name]);
  await module.preload?.();
  return module;
}
