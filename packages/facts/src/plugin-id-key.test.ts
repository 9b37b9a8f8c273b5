import { describe, expect, it } from 'vitest';
import { parsePluginIdKey, pluginIdKey, pluginIdSchema } from './index.js';

describe('pluginIdKey', () => {
  it('joins name and marketplace with `@`', () => {
    expect(pluginIdKey({ pluginName: 'sample', marketplaceName: 'test' })).toBe('sample@test');
  });
});

describe('parsePluginIdKey', () => {
  it('parses a key back into the id it came from', () => {
    for (const id of [
      { pluginName: 'sample', marketplaceName: 'test' },
      { pluginName: 'my_plugin-2', marketplaceName: 'Open-AI_curated' },
    ]) {
      expect(parsePluginIdKey(pluginIdKey(id))).toEqual(id);
      expect(pluginIdSchema.parse(id)).toEqual(id);
    }
  });

  it('splits on the last `@`, so a name containing `@` is rejected rather than split early', () => {
    expect(parsePluginIdKey('a@b@c')).toBeUndefined();
    expect(parsePluginIdKey('scope@name@market')).toBeUndefined();
  });

  it('rejects a key without `@` or with an empty side', () => {
    for (const key of ['sample', '', '@', '@test', 'sample@']) expect(parsePluginIdKey(key)).toBeUndefined();
  });

  it('rejects characters outside ASCII letters, digits, `-` and `_`', () => {
    for (const key of ['sam ple@test', 'sample@te.st', 'sample/x@test', 'ümlaut@test', 'sample@test\n']) {
      expect(parsePluginIdKey(key)).toBeUndefined();
    }
  });

  it('agrees with the schema on what a valid segment is', () => {
    expect(pluginIdSchema.safeParse({ pluginName: 'sam ple', marketplaceName: 'test' }).success).toBe(false);
    expect(pluginIdSchema.safeParse({ pluginName: 'sample', marketplaceName: '' }).success).toBe(false);
  });
});
