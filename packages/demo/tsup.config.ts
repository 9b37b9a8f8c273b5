import { defineConfig } from 'tsup';

// The demo is an application, not a library: one ESM entry, no declarations.
export default defineConfig({
  entry: ['src/run-demo.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  dts: false,
});
