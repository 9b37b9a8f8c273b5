/**
 * Items of a list validated (and, for list facts, reduced) in one go. A fact carrying a longer list is cut in slices
 * of this many items, with a yield to the event loop between slices, so no single fact blocks the worker for more
 * than a slice (a `turn/start` of 200,000 input items, a list fact of 200,000 mentions).
 */
export const FACT_SLICE_ITEMS = 256;

/**
 * The lists of each fact type that can be long: every array its schema declares (the rest of a fact is bounded in
 * size by its schema, or is a loose object's unknown field, which is passed through without validation). Each is a
 * path from the fact's root through plain objects.
 */
const LIST_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  app_mentioned: [['mentions']],
  skill_invoked: [['invocations']],
  client_request: [['request', 'params', 'input']],
  guardian_review: [
    ['review', 'reviewedAction', 'command'],
    ['review', 'reviewedAction', 'argv'],
    ['review', 'reviewedAction', 'files'],
  ],
  plugin_used: [
    ['plugin', 'capabilitySummary', 'mcpServerNames'],
    ['plugin', 'capabilitySummary', 'appConnectorIds'],
  ],
  plugin_state_changed: [
    ['plugin', 'capabilitySummary', 'mcpServerNames'],
    ['plugin', 'capabilitySummary', 'appConnectorIds'],
  ],
};

/**
 * The facts whose events are one per list item (see `codex-rs/analytics/src/reducer.rs`): reduced slice by slice
 * too. Any other fact's reduction reads its lists in one pass (counting images, copying a command), well within a
 * slice's budget for any list the bounds let through.
 */
const REDUCED_IN_SLICES: ReadonlySet<string> = new Set(['app_mentioned', 'skill_invoked']);

/** A long list of a fact: where it is, and its items as given. */
export interface SlicedList {
  path: readonly string[];
  items: readonly unknown[];
}

/** How a fact with long lists is validated in slices: the fact with each long list emptied, and the lists. */
export interface SlicePlan {
  /** The fact with every long list replaced by `[]` (copies along the paths; the caller's objects are not touched). */
  skeleton: unknown;
  lists: SlicedList[];
  /** Whether the reducer gets the fact in slices (one per `FACT_SLICE_ITEMS` items of its one list). */
  reduceInSlices: boolean;
}

/**
 * The slice plan of a fact with at least one list longer than a slice, else `undefined` (validated whole). Only
 * lists reached through plain objects are sliced (an object with a prototype of its own is validated whole, as
 * its getters would not survive a copy). May throw when the fact throws as it is read.
 */
export function planSlices(input: unknown, factType: string | undefined): SlicePlan | undefined {
  const paths = factType === undefined ? undefined : LIST_PATHS[factType];
  if (paths === undefined) return undefined;
  let skeleton = input;
  const lists: SlicedList[] = [];
  for (const path of paths) {
    const items = listAt(input, path);
    if (items === undefined || items.length <= FACT_SLICE_ITEMS) continue;
    lists.push({ path, items });
    skeleton = withValueAt(skeleton, path, []);
  }
  if (lists.length === 0) return undefined;
  return { skeleton, lists, reduceInSlices: factType !== undefined && REDUCED_IN_SLICES.has(factType) && lists.length === 1 };
}

/** The array at `path`, reached through plain objects only; `undefined` otherwise. */
export function listAt(value: unknown, path: readonly string[]): unknown[] | undefined {
  let current = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return Array.isArray(current) ? current : undefined;
}

/** A copy of `value` with `path` set to `replacement`: shallow copies of the plain objects along the path. */
export function withValueAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const record = value as Record<string, unknown>;
  const [key, ...rest] = path as [string, ...string[]];
  return { ...record, [key]: withValueAt(record[key], rest, replacement) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `request.params.input[3].type` of a slice starting at 512 is `request.params.input[515].type` of the fact. */
export function shiftIndex(issuePath: string, listPath: readonly string[], offset: number): string {
  const prefix = `${listPath.join('.')}[`;
  if (!issuePath.startsWith(prefix)) return issuePath;
  const end = issuePath.indexOf(']', prefix.length);
  const index = Number(issuePath.slice(prefix.length, end));
  if (end < 0 || !Number.isInteger(index)) return issuePath;
  return `${prefix}${index + offset}${issuePath.slice(end)}`;
}
