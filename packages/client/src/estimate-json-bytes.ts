/** Deeper values are not walked; each counts as this many bytes. */
const MAX_DEPTH = 8;
/** Values visited per estimate; the rest of a huge array is extrapolated from the items walked. */
const MAX_NODES = 4096;
const OPAQUE_BYTES = 16;

/**
 * A cheap estimate of `JSON.stringify(value)`'s length, computed without serializing: string lengths (UTF-16
 * units, so non-ASCII text is under-counted) plus quotes, keys and punctuation, numbers as 8 bytes. It walks at most
 * `MAX_NODES` values to `MAX_DEPTH` levels (an array cut short counts its remaining items at the average size of
 * those walked), so it never loops on a cycle and its cost is bounded; the
 * client uses it to enforce its byte bound on queued facts before they are reduced and serialized.
 */
export function estimateJsonBytes(value: unknown): number {
  nodesLeft = MAX_NODES;
  return estimate(value, 0);
}

// Module state rather than an object per call: the estimate runs on every `track*` call and is synchronous.
let nodesLeft = 0;

function estimate(value: unknown, depth: number): number {
  nodesLeft -= 1;
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 8;
    case 'boolean':
      return 5;
    case 'bigint':
      return 20;
    case 'object':
      break;
    default:
      return 4;
  }
  if (value === null) return 4;
  if (depth >= MAX_DEPTH || nodesLeft <= 0) return OPAQUE_BYTES;
  let bytes = 2;
  if (Array.isArray(value)) {
    const length = value.length;
    let index = 0;
    for (; index < length && nodesLeft > 0; index += 1) {
      bytes += estimate(value[index], depth + 1) + 1;
    }
    // The walk stopped early: the rest of the array counts as many more items of the average size walked, so a
    // 200,000-item list is not mistaken for a 4,096-item one.
    if (index < length) bytes += (length - index) * Math.max(2, index === 0 ? OPAQUE_BYTES : (bytes - 2) / index);
    return Math.ceil(bytes);
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (nodesLeft <= 0) break;
    bytes += key.length + 4 + estimate(record[key], depth + 1);
  }
  return bytes;
}
