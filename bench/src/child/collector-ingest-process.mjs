// A collector in a process of its own for the `collector-ingest` scenario. argv[2]: JSON of the ClickHouse options
// (`{ url, cluster }`), or `null` for the embedded store (memory only).
//
// IPC: → { type: 'ready', url } once listening; ← { type: 'stop' }; → { type: 'report', acceptedEvents, rejections }, then it exits.

const { startCollector } = await import('@codex-analytics/collector');
const clickhouse = JSON.parse(process.argv[2] ?? 'null');
const collector = await startCollector({ logger: { warn: () => undefined }, ...(clickhouse === null ? {} : { clickhouse }) });

process.on('message', async (message) => {
  if (message?.type !== 'stop') return;
  const stats = collector.stats();
  await collector.close();
  process.send({ type: 'report', acceptedEvents: stats.acceptedEvents, rejections: stats.rejections }, () => process.exit(0));
});
process.send({ type: 'ready', url: collector.url });
