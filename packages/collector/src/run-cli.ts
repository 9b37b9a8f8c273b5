import { parseArgs } from 'node:util';
import { TRACK_EVENTS_PATH } from '@codex-analytics/events';
import type { Collector, CollectorOptions } from './collector-options.js';
import { startCollector } from './start-collector.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves with the name of the signal that asks the collector to stop. Default: the first SIGINT or SIGTERM. */
  waitForShutdown?: () => Promise<string>;
  /** Called once the collector listens (tests use it). */
  onStarted?: (collector: Collector) => void;
}

const usage = `Usage: codex-analytics-collector [--port N] [--host HOST] [--out FILE] [--max-body-bytes N] [--strict]

A local Codex analytics collector. Point a client's baseUrl at the printed URL; open it in a browser to watch events.
  --port N              port to listen on (default 0: any free port)
  --host HOST           interface to listen on (default 127.0.0.1)
  --out FILE            append accepted events to this NDJSON file (reloaded on start)
  --max-body-bytes N    request body cap (default 10485760)
  --strict              accept only seed-era events (unknown keys refused with 400);
                        by default today's Codex events are accepted and unknown keys reported as drift
Stops on SIGINT or SIGTERM.
`;

/** The `codex-analytics-collector` command. Resolves with the exit code once the collector has stopped. */
export async function runCli(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let values: { port?: string; host?: string; out?: string; 'max-body-bytes'?: string; strict?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'max-body-bytes': { type: 'string' },
        strict: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    io.stdout.write(usage);
    return 0;
  }
  const options: CollectorOptions = {
    logger: { warn: (message) => void io.stderr.write(`warning: ${message}\n`) },
  };
  if (values.host !== undefined) options.host = values.host;
  if (values.out !== undefined) options.out = values.out;
  if (values.strict === true) options.strict = true;
  for (const [flag, key] of [
    ['port', 'port'],
    ['max-body-bytes', 'maxBodyBytes'],
  ] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    if (!/^\d+$/.test(text)) {
      io.stderr.write(`--${flag} must be a non-negative integer\n${usage}`);
      return 2;
    }
    options[key] = Number(text);
  }

  let collector: Collector;
  try {
    collector = await startCollector(options);
  } catch (error) {
    io.stderr.write(`codex-analytics-collector: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.stdout.write(
    [
      `codex-analytics-collector listening on ${collector.url}`,
      `  events: POST ${collector.url}${TRACK_EVENTS_PATH} (also under /backend-api)`,
      `  page:   ${collector.url}/`,
      ...(options.out === undefined ? [] : [`  out:    ${options.out} (${collector.stats().storedEvents} events reloaded)`]),
      '',
    ].join('\n'),
  );
  io.onStarted?.(collector);

  const signal = await (io.waitForShutdown ?? waitForSignal)();
  await collector.close();
  io.stdout.write(`codex-analytics-collector: ${signal}, stopped with ${collector.stats().storedEvents} events stored\n`);
  return 0;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
