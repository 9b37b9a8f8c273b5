// `node import-probe.cjs NAME`: requires NAME (CJS) in a fresh process and prints how long that took and how much
// RSS it added, as JSON. The ESM twin is import-probe.mjs.

const rssBefore = process.memoryUsage().rss;
const start = performance.now();
require(process.argv[2]);
const importMs = performance.now() - start;
const rssAfter = process.memoryUsage().rss;
process.stdout.write(JSON.stringify({ importMs, rssAddedBytes: rssAfter - rssBefore, rssBytes: rssAfter }));
