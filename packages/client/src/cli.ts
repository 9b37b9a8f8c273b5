#!/usr/bin/env node
import { runCli } from './replay-cli.js';

// The `codex-analytics` bin: `codex-analytics replay <facts.ndjson> [--to <baseUrl>]`.
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stdoutDrained: () => new Promise((resolve) => process.stdout.once('drain', () => resolve())),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (status) => {
    process.exitCode = status;
  },
  () => {
    process.exitCode = 1;
  },
);
