#!/usr/bin/env node
import { runDemoSession } from './demo-session.js';
import { formatDemoReport } from './format-demo-report.js';

// `npm run demo [-- --serve] [-- --port N]`: plays the scripted Codex session into the embedded collector and
// prints what arrived. With --serve the collector and its live page keep running until Ctrl-C.

function parseArgs(argv: readonly string[]): { serve: boolean; port: number } {
  let serve = false;
  let port = 0;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--serve') serve = true;
    else if (arg === '--port') port = Number(argv[++index]);
    else if (arg?.startsWith('--port=')) port = Number(arg.slice('--port='.length));
    else throw new Error(`unknown argument ${arg}; usage: run-demo [--serve] [--port N]`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port takes a port number');
  return { serve, port };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const result = await runDemoSession({ port: args.port });
  console.log(`Collector on ${result.collector.url} (client base URL ${result.collector.url}/backend-api/)`);
  console.log('');
  console.log(formatDemoReport(result));
  process.exitCode = result.ok ? 0 : 1;
  if (!args.serve) {
    await result.collector.close();
    return;
  }
  console.log('');
  console.log(`Serving: open ${result.collector.url}/ for the live page, ${result.collector.url}/api/events for the JSON. Ctrl-C stops.`);
  const stop = (): void => {
    void result.collector.close().then(() => process.exit(process.exitCode ?? 0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
