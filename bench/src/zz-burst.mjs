import { fork } from 'node:child_process';
import { performance, PerformanceObserver } from 'node:perf_hooks';
const gcs = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) gcs.push([e.startTime, e.duration, e.detail?.kind]); }).observe({ entryTypes: ['gc'] });
const sink = fork(new URL('./zz-sink.mjs', import.meta.url));
const port = await new Promise((r) => sink.once('message', r));
const adapter = await (await import('./clients/ours-adapter.mjs')).createAdapter({ sinkUrl: `http://127.0.0.1:${port}/backend-api/` });
const N = +(process.argv[2] ?? 100000);
for (let seq = 0; seq < N; seq++) adapter.call(adapter.makeCall(seq));
// block probe: a 1 ms interval, log gaps > 8 ms
let last = performance.now(); const t0 = last; const gaps = [];
const iv = setInterval(function probeTick() { const now = performance.now(); if (now - last > 8) gaps.push([+(last - t0).toFixed(1), +(now - last).toFixed(1)]); last = now; }, 1);
await adapter.shutdown(60000);
clearInterval(iv);
const t0abs = t0;
let gcIn = 0, total = 0;
for (const [s0, len] of gaps) { total += len; for (const [gs, gd] of gcs) if (gs - t0abs >= s0 - 1 && gs - t0abs <= s0 + len) gcIn += gd; }
console.log('gaps', gaps.length, 'total', total.toFixed(0), 'ms; gc inside gaps', gcIn.toFixed(0), 'ms; longest', Math.max(...gaps.map((g) => g[1])));
const big = gcs.filter((g) => g[1] > 3 && g[0] > t0abs).map((g) => [+(g[0] - t0abs).toFixed(0), +g[1].toFixed(1), g[2]]);
console.log('gc > 3 ms after the loop:', JSON.stringify(big));
sink.kill(); process.exit(0);
