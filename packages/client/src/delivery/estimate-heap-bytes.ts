/** Deeper values are not walked; each counts as this many bytes. */
const MAX_DEPTH = 8;
/** Values visited per estimate; the rest of a huge array is extrapolated from the items walked. */
const MAX_NODES = 4096;
const OPAQUE_BYTES = 64;

// V8 on 64-bit Node (no pointer compression): an object is a 24-byte header plus an 8-byte slot per property
// (in-object or in its backing store), an array a 32-byte header plus 8 bytes per element, a string a 16-byte
// header plus its characters (one byte each for Latin-1, two otherwise; counted as one here), rounded up to 8.
const OBJECT_BYTES = 24;
const ARRAY_BYTES = 32;
const SLOT_BYTES = 8;
const STRING_BYTES = 16;
const HEAP_NUMBER_BYTES = 16;

const roundUp8 = (bytes: number): number => (bytes + 7) & ~7;

/**
 * An estimate of the heap a queued value keeps alive: every object, array and string it reaches counted once per
 * reference (strings the caller shares between calls are counted again each time, so the estimate errs high).
 * For the ~250-byte app-used and hook-run facts of the bench it is ~1.3× the heap measured per queued fact with a
 * full GC. It walks at most `MAX_NODES` values to `MAX_DEPTH` levels (an array cut short counts its remaining items
 * at the average size of those walked), never throws on a cycle, and its cost is bounded. The client's byte bound
 * counts queued facts with it, so the bound measures the memory they hold rather than the size of their JSON.
 */
export function estimateHeapBytes(value: unknown): number {
  nodesLeft = MAX_NODES;
  return estimate(value, 0);
}

// Module state rather than an object per call: the estimate runs on every `track*` call and is synchronous.
let nodesLeft = 0;

function estimate(value: unknown, depth: number): number {
  nodesLeft -= 1;
  switch (typeof value) {
    case 'string':
      return STRING_BYTES + roundUp8(value.length);
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 0 : HEAP_NUMBER_BYTES;
    case 'bigint':
      return 24;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 0;
  if (depth >= MAX_DEPTH || nodesLeft <= 0) return OPAQUE_BYTES;
  if (Array.isArray(value)) {
    const length = value.length;
    let items = 0;
    let index = 0;
    for (; index < length && nodesLeft > 0; index += 1) items += estimate(value[index], depth + 1);
    // The walk stopped early: the rest of the array counts as many more items of the average size walked, so a
    // 200,000-item list is not mistaken for a 4,096-item one.
    if (index < length) items += (length - index) * (index === 0 ? OPAQUE_BYTES : items / index);
    return ARRAY_BYTES + 16 + SLOT_BYTES * length + Math.ceil(items);
  }
  let bytes = OBJECT_BYTES;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (nodesLeft <= 0) break;
    bytes += SLOT_BYTES + estimate(record[key], depth + 1);
  }
  return bytes;
}
