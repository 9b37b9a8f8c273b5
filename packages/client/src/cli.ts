#!/usr/bin/env node
import { runCli } from './recording/replay-cli.js';

// The `codex-analytics` bin: `codex-analytics replay <facts.ndjson> [--to <baseUrl>]`.
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  // Resolves on 'drain', and also when stdout fails or closes (a reader that went away must not hang the replay).
  stdoutDrained: () =>
    new Promise((resolve) => {
      const done = (): void => {
        process.stdout.off('drain', done).off('error', done).off('close', done);
        resolve();
      };
      process.stdout.once('drain', done).once('error', done).once('close', done);
    }),
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
