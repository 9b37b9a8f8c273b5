/**
 * What the leading members of a JSON-RPC message's text say, read without parsing the rest: the scan stops at the
 * first member whose value is an object or an array (`params`, `result`, `error`), so it costs a few hundred bytes
 * of reading whatever the message's size. `undefined` when the text does not start as a plain object of plain
 * members (then only a full parse can tell).
 */
export interface JsonRpcEnvelopePeek {
  /** The `method` member's value when it came before the first object or array member (a non-string as given). */
  method?: unknown;
  hasMethod: boolean;
  /** The `id` member's value when it came before the first object or array member. */
  id?: unknown;
  hasId: boolean;
  /** The key of the first member whose value is an object or an array, if the scan stopped at one. */
  container?: string;
}

/** Members read before giving up: a JSON-RPC envelope has at most four (`jsonrpc`, `id`, `method`, and one more). */
const MAX_LEADING_MEMBERS = 8;
/** A `method` or `id` value longer than this is kept as a marker, not parsed: no method or id we look up is as long. */
const MAX_PARSED_VALUE = 1_024;
const LONG_VALUE = Symbol('long value');

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function skipSpace(text: string, at: number): number {
  let index = at;
  while (index < text.length && isSpace(text.charCodeAt(index))) index += 1;
  return index;
}

/** The index just past the string that opens at `at` (a `"`), or -1; jumps from quote to quote natively. */
function stringEnd(text: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The index just past a number or a literal (`true`, `false`, `null`) that starts at `at`. */
function scalarEnd(text: string, at: number): number {
  let index = at;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x2c || code === 0x7d || isSpace(code)) break;
    index += 1;
  }
  return index;
}

function parseScalar(raw: string): unknown {
  if (raw.length > MAX_PARSED_VALUE) return LONG_VALUE;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return LONG_VALUE;
  }
}

/** Reads the leading plain members of a message's text; see `JsonRpcEnvelopePeek`. Never throws. */
export function peekJsonRpcEnvelope(text: string): JsonRpcEnvelopePeek | undefined {
  let index = skipSpace(text, 0);
  if (text.charCodeAt(index) !== 0x7b) return undefined;
  const peek: JsonRpcEnvelopePeek = { hasMethod: false, hasId: false };
  index += 1;
  for (let member = 0; member < MAX_LEADING_MEMBERS; member += 1) {
    index = skipSpace(text, index);
    if (text.charCodeAt(index) !== 0x22) return undefined;
    const keyEnd = stringEnd(text, index);
    if (keyEnd < 0 || keyEnd - index > 64) return undefined;
    const key = text.slice(index + 1, keyEnd - 1);
    // An escaped key could spell any name: only a full parse reads it right.
    if (key.includes('\\')) return undefined;
    index = skipSpace(text, keyEnd);
    if (text.charCodeAt(index) !== 0x3a) return undefined;
    index = skipSpace(text, index + 1);
    const first = text.charCodeAt(index);
    if (first === 0x7b || first === 0x5b) {
      peek.container = key;
      return peek;
    }
    const valueEnd = first === 0x22 ? stringEnd(text, index) : scalarEnd(text, index);
    if (valueEnd < 0 || valueEnd === index) return undefined;
    const value = parseScalar(text.slice(index, valueEnd));
    if (value === LONG_VALUE && first !== 0x22) return undefined;
    // A key given twice: the full parse takes the last one, so the peek cannot decide.
    if ((key === 'method' && peek.hasMethod) || (key === 'id' && peek.hasId)) return undefined;
    if (key === 'method') {
      peek.hasMethod = true;
      peek.method = value === LONG_VALUE ? '' : value;
    } else if (key === 'id') {
      if (value === LONG_VALUE) return undefined;
      peek.hasId = true;
      peek.id = value;
    }
    index = skipSpace(text, valueEnd);
    const next = text.charCodeAt(index);
    if (next === 0x7d) return peek;
    if (next !== 0x2c) return undefined;
    index += 1;
  }
  return undefined;
}
