import { describe, expect, it } from 'vitest';
import { classifyJsonRpcError } from './classify-json-rpc-error.js';

// The errors as upstream's app-server builds them (codex_message_processor.rs, `turn_steer` and `turn_start`).
describe('classifyJsonRpcError', () => {
  it.each([
    [{ code: -32600, message: 'no active turn to steer' }, { kind: 'turn_steer', error: 'no_active_turn' }],
    [{ code: -32600, message: 'expected active turn id `a` but found `b`' }, { kind: 'turn_steer', error: 'expected_turn_mismatch' }],
    [
      { code: -32600, message: 'cannot steer a review turn', data: { message: 'cannot steer a review turn', codexErrorInfo: { activeTurnNotSteerable: { turnKind: 'review' } } } },
      { kind: 'turn_steer', error: 'non_steerable_review' },
    ],
    [
      { code: -32600, message: 'cannot steer a compact turn', data: { codexErrorInfo: { activeTurnNotSteerable: { turnKind: 'compact' } } } },
      { kind: 'turn_steer', error: 'non_steerable_compact' },
    ],
    [
      { code: -32602, message: 'Input exceeds the maximum length of 1048576 characters.', data: { input_error_code: 'input_too_large', max_chars: 1_048_576, actual_chars: 2_000_000 } },
      { kind: 'input', error: 'too_large' },
    ],
    [{ code: -32600, message: 'input must not be empty' }, { kind: 'input', error: 'empty' }],
  ])('%j → %j', (error, expected) => {
    expect(classifyJsonRpcError(error)).toEqual(expected);
  });

  it.each([
    { code: -32600, message: 'thread not found: t' },
    { code: -32603, message: 'failed to steer turn: boom' },
    { code: -32600 },
    null,
    'no active turn to steer',
  ])('leaves %j unclassified', (error) => {
    expect(classifyJsonRpcError(error)).toBeNull();
  });
});
