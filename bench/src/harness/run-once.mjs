// One run: a fresh sink (or a refused port), one client in a fresh process, the figures of both.

import { startSink } from '../sink/sink-handle.mjs';
import { closedPort } from './closed-port.mjs';
import { runClientProcess } from './run-client-process.mjs';

const SINK_GRACE_MS = 200;

/**
 * @param {object} scenario a module of src/scenarios
 * @param {string} client
 * @param {object} settings the scenario's part of the plan
 * @param {{ execArgv?: string[] }} options
 */
export async function runOnce(scenario, client, settings, { execArgv = [] } = {}) {
  const expected = settings.events ?? settings.calls ?? Math.round((settings.rate * settings.durationMs) / 1000);
  const sink =
    scenario.target === 'sink'
      ? await startSink({ expected, faults: scenario.faults(settings), arrivals: scenario.arrivals === true })
      : undefined;
  try {
    const sinkUrl = sink?.url ?? `http://127.0.0.1:${await closedPort()}`;
    const job = { client, kind: scenario.kind, sinkUrl, params: scenario.childParams(settings) };
    const outcome = await runClientProcess(job, { timeoutMs: settings.childTimeoutMs, execArgv });
    const sinkStats = sink === undefined ? null : await sink.waitForAll(SINK_GRACE_MS);
    if (outcome.error !== undefined) return { client, error: outcome.error, logLines: outcome.logLines };
    return {
      client,
      metrics: scenario.metrics({ ...outcome.result, processWallMs: outcome.processWallMs }, sinkStats, settings),
      summary: outcome.result.summary ?? null,
      logLines: outcome.logLines,
    };
  } catch (error) {
    return { client, error: error instanceof Error ? error.message : String(error), logLines: 0 };
  } finally {
    await sink?.close();
  }
}
