import type { AnalyticsEventsClient } from './analytics-events-client.js';
import type { ClientRuntime } from './create-client-runtime.js';

// What the package's own helpers (the app-server tap, replay) reach inside a client for, without making it public
// API: a client registers its runtime here when it is created. Not exported from `index.ts`.
const runtimes = new WeakMap<AnalyticsEventsClient, ClientRuntime>();

export function registerClientRuntime(client: AnalyticsEventsClient, runtime: ClientRuntime): void {
  runtimes.set(client, runtime);
}

/** The runtime of an enabled client of this package; `undefined` for a disabled client or a foreign object. */
export function clientRuntimeOf(client: AnalyticsEventsClient): ClientRuntime | undefined {
  return runtimes.get(client);
}
