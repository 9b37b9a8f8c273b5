export type SlicedJsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export interface SlicedJsonOptions {
  /**
   * Longest stretch of the body handled between two yields, in bytes: a value this short is given to `JSON.parse`
   * whole; a longer array or object is split into its members, each parsed on its own. Default: 64 KiB.
   */
  sliceBytes?: number;
  /** Gives the event loop back between slices. Default: `setImmediate`. */
  yieldToEventLoop?: () => Promise<void>;
}

/** Deeper than this, a large container is parsed whole (each level of recursion holds a stack frame). */
const maxSplitDepth = 32;

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/**
 * `JSON.parse` for a body that may be megabytes long, without blocking the event loop for it: a body of at most
 * `sliceBytes` is parsed whole (same value, same error message as `JSON.parse`); a longer one is walked with a small
 * byte scanner that splits its arrays and objects into members, parses each member (down to `sliceBytes`) with
 * `JSON.parse`, and yields between slices. The value is the one `JSON.parse` gives (own `__proto__` keys, the last
 * of duplicate keys). For an invalid long body, the message has `JSON.parse`'s wording with the position as the byte
 * offset in the body.
 */
export async function parseJsonSliced(body: Buffer, options: SlicedJsonOptions = {}): Promise<SlicedJsonParse> {
  const { sliceBytes = 64 * 1024, yieldToEventLoop = yieldImmediate } = options;
  if (body.length <= sliceBytes) return parseWhole(body, 0, body.length);
  const parser = new SlicedParser(body, sliceBytes, yieldToEventLoop);
  try {
    const start = parser.skipWhitespace(0);
    const first = body[start];
    if (first !== openBrace && first !== openBracket) return parseWhole(body, 0, body.length);
    const { value, end } = await parser.container(start, 0);
    const rest = parser.skipWhitespace(end);
    if (rest < body.length) throw new SyntaxError(`Unexpected non-whitespace character after JSON at position ${rest}`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

class SlicedParser {
  private sinceYield = 0;

  constructor(
    private readonly body: Buffer,
    private readonly sliceBytes: number,
    private readonly yieldToEventLoop: () => Promise<void>,
  ) {}

  skipWhitespace(position: number): number {
    let index = position;
    while (index < this.body.length) {
      const byte = this.body[index];
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break;
      index += 1;
    }
    return index;
  }

  /** Parses the array or object at `start` member by member; resolves with it and the position after it. */
  async container(start: number, depth: number): Promise<{ value: unknown; end: number }> {
    const { body } = this;
    const isArray = body[start] === openBracket;
    const close = isArray ? closeBracket : closeBrace;
    const array: unknown[] = [];
    const object: Record<string, unknown> = {};
    let members = 0;
    let position = this.skipWhitespace(start + 1);
    if (body[position] === close) return { value: isArray ? array : object, end: position + 1 };
    for (;;) {
      if (position >= body.length) throw new SyntaxError('Unexpected end of JSON input');
      let key: string | undefined;
      if (!isArray) {
        if (body[position] !== quote) {
          throw new SyntaxError(
            members === 0
              ? `Expected property name or '}' in JSON at position ${position}`
              : `Expected double-quoted property name in JSON at position ${position}`,
          );
        }
        const keyEnd = this.stringEnd(position);
        key = parseWholeOrThrow(body, position, keyEnd, position) as string;
        position = this.skipWhitespace(keyEnd);
        if (position >= body.length) throw new SyntaxError('Unexpected end of JSON input');
        if (body[position] !== colon) throw new SyntaxError(`Expected ':' after property name in JSON at position ${position}`);
        position = this.skipWhitespace(position + 1);
      }
      const member = await this.value(position, depth + 1);
      members += 1;
      if (isArray) array.push(member.value);
      else Object.defineProperty(object, key!, { value: member.value, writable: true, enumerable: true, configurable: true });
      position = this.skipWhitespace(member.end);
      if (position >= body.length) throw new SyntaxError('Unexpected end of JSON input');
      if (body[position] === close) return { value: isArray ? array : object, end: position + 1 };
      if (body[position] !== comma) {
        throw new SyntaxError(
          isArray
            ? `Expected ',' or ']' after array element in JSON at position ${position}`
            : `Expected ',' or '}' after property value in JSON at position ${position}`,
        );
      }
      position = this.skipWhitespace(position + 1);
    }
  }

  /** One member: parsed whole when it ends within `sliceBytes` (or is not a container), else split in turn. */
  private async value(start: number, depth: number): Promise<{ value: unknown; end: number }> {
    const { body } = this;
    if (start >= body.length) throw new SyntaxError('Unexpected end of JSON input');
    const first = body[start];
    const isContainer = first === openBrace || first === openBracket;
    const end = isContainer ? this.containerEnd(start, depth >= maxSplitDepth ? Infinity : this.sliceBytes) : this.scalarEnd(start);
    if (end === undefined) return this.container(start, depth);
    if (end === start) throw new SyntaxError(unexpectedToken(body, start));
    const value = parseWholeOrThrow(body, start, end, start);
    this.sinceYield += end - start;
    if (this.sinceYield >= this.sliceBytes) {
      this.sinceYield = 0;
      await this.yieldToEventLoop();
    }
    return { value, end };
  }

  /** The position after the string that starts at `start` (a quote), or the end of the body when it never ends. */
  stringEnd(start: number): number {
    const { body } = this;
    let index = start + 1;
    for (;;) {
      const next = body.indexOf(quote, index);
      if (next === -1) return body.length;
      let backslashes = 0;
      while (body[next - 1 - backslashes] === backslash) backslashes += 1;
      if (backslashes % 2 === 0) return next + 1;
      index = next + 1;
    }
  }

  /** Where the container at `start` ends, if it does within `limit` bytes; `undefined` when it is longer. */
  private containerEnd(start: number, limit: number): number | undefined {
    const { body } = this;
    const stop = Math.min(body.length, start + limit);
    let depth = 0;
    let index = start;
    while (index < stop) {
      const byte = body[index];
      if (byte === quote) {
        index = this.stringEnd(index);
        continue;
      }
      if (byte === openBrace || byte === openBracket) depth += 1;
      else if (byte === closeBrace || byte === closeBracket) {
        depth -= 1;
        if (depth === 0) return index + 1;
      }
      index += 1;
    }
    // Never closed: parsed whole, JSON.parse says what is wrong.
    return stop === body.length ? body.length : undefined;
  }

  /** The end of a string, number or literal: the next structural byte or whitespace. */
  private scalarEnd(start: number): number {
    const { body } = this;
    if (body[start] === quote) return this.stringEnd(start);
    let index = start;
    while (index < body.length) {
      const byte = body[index];
      if (byte === comma || byte === closeBrace || byte === closeBracket || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) break;
      index += 1;
    }
    return index;
  }
}

function parseWhole(body: Buffer, start: number, end: number): SlicedJsonParse {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8', start, end)) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : 'not JSON' };
  }
}

/** `JSON.parse` of one member; its error's position is moved to where the member is in the body. */
function parseWholeOrThrow(body: Buffer, start: number, end: number, offset: number): unknown {
  const parsed = parseWhole(body, start, end);
  if (parsed.ok) return parsed.value;
  throw new SyntaxError(parsed.message.replace(/at position (\d+)/, (_match, position: string) => `at position ${offset + Number(position)}`));
}

/** `JSON.parse`'s message for an unexpected byte in a long text: the byte and ten characters of context either side. */
function unexpectedToken(body: Buffer, position: number): string {
  const token = body.toString('utf8', position, position + 1);
  const context = 10;
  const from = Math.max(0, position - context);
  const to = Math.min(body.length, position + context);
  const text = body.toString('utf8', from, to);
  const before = from > 0 ? '...' : '';
  const after = to < body.length ? '...' : '';
  return `Unexpected token '${token}', ${before}"${text}"${after} is not valid JSON`;
}

const yieldImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));
