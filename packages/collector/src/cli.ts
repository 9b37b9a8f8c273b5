#!/usr/bin/env node
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now, so the process ends on its own; this unref'd timer only guards against a leaked handle.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`codex-analytics-collector: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
