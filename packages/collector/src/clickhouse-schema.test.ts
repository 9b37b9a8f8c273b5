import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clickHouseFeatures, createTableStatements, insertSettings, sqlString } from './clickhouse-schema.js';

describe('the ClickHouse schema', () => {
  it('on 18.16: a DateTime and plain Strings, no TTL, no deduplication token; ReplacingMergeTree by day, sorted by key', () => {
    const features = clickHouseFeatures('18.16.1');
    expect(features).toEqual({ version: '18.16.1', dateTime64: false, lowCardinality: false, insertDeduplicationToken: false });
    const sql = createTableStatements({ database: 'codex_analytics', cluster: undefined }, features).join('\n');
    expect(sql).toContain('CREATE DATABASE IF NOT EXISTS codex_analytics');
    expect(sql).toContain('ENGINE = ReplacingMergeTree()\nPARTITION BY day\nORDER BY key');
    expect(sql).not.toMatch(/DateTime64|LowCardinality|TTL|Distributed/);
    expect(insertSettings({ database: 'd', cluster: undefined }, features, 'digest')).toEqual({});
  });

  it('on a newer server: DateTime64, LowCardinality and the deduplication token', () => {
    const features = clickHouseFeatures('24.8.4.13');
    expect(features).toMatchObject({ dateTime64: true, lowCardinality: true, insertDeduplicationToken: true });
    const sql = createTableStatements({ database: 'd', cluster: undefined }, features).join('\n');
    expect(sql).toContain("received_at DateTime64(3, 'UTC')");
    expect(sql).toContain('event_type LowCardinality(String)');
    expect(insertSettings({ database: 'd', cluster: undefined }, features, 'digest')).toEqual({ insert_deduplication_token: 'digest' });
  });

  it('for a cluster: a Distributed table over the local ones, sharded by the thread id, inserted synchronously', () => {
    const layout = { database: 'd', cluster: 'team' };
    const statements = createTableStatements(layout, clickHouseFeatures('18.16.1'));
    expect(statements.at(-1)).toBe('CREATE TABLE IF NOT EXISTS d.events_all AS d.events ENGINE = Distributed(team, d, events, cityHash64(thread_id))');
    expect(insertSettings(layout, clickHouseFeatures('18.16.1'), 'x')).toEqual({ insert_distributed_sync: 1 });
  });

  it('quotes any text as one string literal', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const literal = sqlString(text);
        // Unescaping the literal gives the text back, and no quote inside it is left unescaped.
        const inner = literal.slice(1, -1);
        expect(inner.replace(/\\(.)/gs, '$1')).toBe(text);
        expect(/(^|[^\\])(\\\\)*'/.test(inner)).toBe(false);
      }),
    );
  });
});
