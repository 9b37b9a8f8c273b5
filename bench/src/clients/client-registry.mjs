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
  if (!Object.hasOwn(MODULES, name)) throw new Error(`unknown client ${name}; expected one of ${CLIENTS.join(', ')}`);
  const module = await import(MODULES[name]);
  return module.createAdapter({ sinkUrl });
}
