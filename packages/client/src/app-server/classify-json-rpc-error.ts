import type { AnalyticsJsonRpcError } from '@codex-analytics/facts';
import { propertyOf } from '../property-of.js';

/**
 * Upstream's classification of a `turn/start` or `turn/steer` error (`AnalyticsJsonRpcError`), read back from the
 * JSON-RPC error the app-server sent. The app-server attaches the classification when it builds the error
 * (codex-rs/app-server/src/codex_message_processor.rs, `turn_steer` / `turn_start`: `track_error_response` with
 * `AnalyticsJsonRpcError::TurnSteer(..)` or `::Input(..)`); on the wire it shows as:
 * - `data.input_error_code: "input_too_large"` (`validate_v2_input_limit`) → `input` / `too_large`;
 * - `data.codexErrorInfo.activeTurnNotSteerable.turnKind` `review` / `compact` → `non_steerable_review` / `_compact`;
 * - the message `no active turn to steer` → `no_active_turn`;
 * - the message `expected active turn id ... but found ...` → `expected_turn_mismatch`;
 * - the message `input must not be empty` → `input` / `empty`.
 * Any other error (thread not found, internal errors) is unclassified (`null`), as upstream.
 */
export function classifyJsonRpcError(error: unknown): AnalyticsJsonRpcError | null {
  const data = propertyOf(error, 'data');
  if (propertyOf(data, 'input_error_code') === 'input_too_large') return { kind: 'input', error: 'too_large' };
  const turnKind = propertyOf(propertyOf(propertyOf(data, 'codexErrorInfo'), 'activeTurnNotSteerable'), 'turnKind');
  if (turnKind === 'review') return { kind: 'turn_steer', error: 'non_steerable_review' };
  if (turnKind === 'compact') return { kind: 'turn_steer', error: 'non_steerable_compact' };
  const message = propertyOf(error, 'message');
  if (typeof message !== 'string') return null;
  if (message === 'no active turn to steer') return { kind: 'turn_steer', error: 'no_active_turn' };
  if (message.startsWith('expected active turn id ')) return { kind: 'turn_steer', error: 'expected_turn_mismatch' };
  if (message === 'cannot steer a review turn') return { kind: 'turn_steer', error: 'non_steerable_review' };
  if (message === 'cannot steer a compact turn') return { kind: 'turn_steer', error: 'non_steerable_compact' };
  if (message === 'input must not be empty') return { kind: 'input', error: 'empty' };
  return null;
}
