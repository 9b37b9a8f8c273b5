import { describe, expect, it } from 'vitest';
import { buildTrackEventsContext, trackEventsContextSchema } from './index.js';

describe('buildTrackEventsContext', () => {
  it('builds the context from its three arguments, in order', () => {
    const tracking = buildTrackEventsContext('gpt-5', 'thread-1', 'turn-1');
    expect(tracking).toStrictEqual({ modelSlug: 'gpt-5', threadId: 'thread-1', turnId: 'turn-1' });
    expect(trackEventsContextSchema.parse(tracking)).toStrictEqual(tracking);
  });
});
