// The collector in a process of its own, for the `collector-bodies` scenario: it starts `startCollector` with an
// `--out` file in a temporary folder, measures how long its event loop was ever blocked (`monitorEventLoopDelay`,
// 1 ms resolution) and its longest GC pause while the scenario runs, and reports over IPC when told to stop.
//
// IPC: → { type: 'ready', url } once listening; ← { type: 'stop' }; → { type: 'report', ... }, then it exits.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

const { startCollector } = await import('@codex-analytics/collector');
const folder = mkdtempSync(join(tmpdir(), 'bench-collector-'));
const collector = await startCollector({ out: join(folder, 'events.ndjson'), logger: { warn: () => undefined } });

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
const startedAt = performance.now();
let longestGcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.startTime >= startedAt && entry.duration > longestGcMs) longestGcMs = entry.duration;
});
observer.observe({ entryTypes: ['gc'] });

process.on('message', async (message) => {
  if (message?.type !== 'stop') return;
  histogram.disable();
  observer.disconnect();
  const stats = collector.stats();
  await collector.close();
  rmSync(folder, { recursive: true, force: true });
  process.send(
    {
      type: 'report',
      maxBlockMs: Number.isFinite(histogram.max) ? histogram.max / 1e6 : null,
      p99BlockMs: histogram.percentile(99) / 1e6,
      longestGcMs,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      storedEvents: stats.storedEvents,
      rejections: stats.rejections,
    },
    () => process.exit(0),
  );
});
process.send({ type: 'ready', url: collector.url });
