// `node import-probe.mjs NAME`: imports NAME (ESM) in a fresh process and prints how long that took and how much
// RSS it added, as JSON. The CJS twin is import-probe.cjs.

const rssBefore = process.memoryUsage().rss;
const start = performance.now();
await import(process.argv[2]);
const importMs = performance.now() - start;
const rssAfter = process.memoryUsage().rss;
process.stdout.write(JSON.stringify({ importMs, rssAddedBytes: rssAfter - rssBefore, rssBytes: rssAfter }));
