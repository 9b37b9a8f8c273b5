#!/usr/bin/env node
import { runDemoSession } from './demo-session.js';
import { formatDemoReport } from './format-demo-report.js';
import { demoUsage, parseDemoArgs } from './parse-demo-args.js';

// `npm run demo [-- --serve] [-- --port N] [-- --help]`: plays the scripted Codex session into the embedded collector
// and prints what arrived. With --serve the collector and its live page keep running until Ctrl-C, and only then is
// its URL printed (without it the collector is closed when the report prints).

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  if (args.help) {
    console.log(demoUsage);
    return;
  }
  const result = await runDemoSession({ port: args.port });
  console.log(formatDemoReport(result));
  process.exitCode = result.ok ? 0 : 1;
  if (!args.serve) {
    await result.collector.close();
    return;
  }
  console.log('');
  console.log(`Serving: open ${result.collector.url}/ for the live page, ${result.collector.url}/api/events for the JSON.`);
  console.log(`Point a client's baseUrl at ${result.collector.url}/backend-api/ to add your own events. Ctrl-C stops.`);
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
