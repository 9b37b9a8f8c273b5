import type { z } from 'zod';
import { loadZod, resolveSchema } from '@codex-analytics/events';
import { analyticsFactSchema, factSchemasByType } from './analytics-fact.js';
import type { AnalyticsFact } from './analytics-fact.js';
import { compileAtFirstUse } from './compile-at-first-use.js';
import { compiledFactParserFactories } from './compiled-fact-parsers.generated.js';
import { INVALID } from './compiled-parser-support.js';
import type { CompiledParser } from './compiled-parser-support.js';

/** One reason a fact was rejected: where (`invocations[0].skillScope`, or `(root)`) and why. */
export interface FactIssue {
  path: string;
  message: string;
}

export type SafeParseFactResult =
  | { success: true; fact: AnalyticsFact }
  | {
      success: false;
      /** The input's `type` when it had a string one, known or not. */
      factType: string | undefined;
      issues: FactIssue[];
      /** The whole rejection on one line, as `describeFactError` renders it. */
      message: string;
    };

/** Renders an issue path: object keys joined by `.`, array indices in brackets, `(root)` when empty. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let rendered = '';
  for (const segment of path) {
    if (typeof segment === 'number') rendered += `[${segment}]`;
    else rendered += rendered === '' ? String(segment) : `.${String(segment)}`;
  }
  return rendered === '' ? '(root)' : rendered;
}

/** The `type` of a would-be fact, when it is an object with a string `type`. */
export function factTypeOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const type: unknown = (input as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** How far into the input an issue got: its path length, plus the furthest branch of a failed union. */
function issueDepth(issue: z.core.$ZodIssue): number {
  if (issue.code !== 'invalid_union') return issue.path.length;
  const branch = furthestBranch(issue.errors);
  return issue.path.length + (branch === undefined ? 0 : branchDepth(branch));
}

function branchDepth(branch: readonly z.core.$ZodIssue[]): number {
  return Math.min(...branch.map(issueDepth));
}

/**
 * The branch of a failed union that got furthest: the one whose shallowest issue is deepest, when exactly one
 * branch is. For `{ thread_spawn: {} }` against `SubAgentSource` that is the `thread_spawn` branch, so the
 * report names `thread_spawn.parent_thread_id` rather than the whole union.
 */
function furthestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  let best: readonly z.core.$ZodIssue[] | undefined;
  let bestDepth = 0;
  let tied = false;
  for (const branch of branches) {
    if (branch.length === 0) continue;
    const depth = branchDepth(branch);
    if (depth > bestDepth) {
      best = branch;
      bestDepth = depth;
      tied = false;
    } else if (depth === bestDepth && depth > 0) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

function flattenIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FactIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const branch = furthestBranch(issue.errors);
    if (branch !== undefined) return branch.flatMap((inner) => flattenIssue(inner, path));
  }
  return [{ path: formatIssuePath(path), message: issue.message }];
}

function issuesOf(error: z.ZodError): FactIssue[] {
  return error.issues.flatMap((issue) => flattenIssue(issue, []));
}

function describeIssues(factType: string | undefined, issues: readonly FactIssue[]): string {
  const subject = factType === undefined ? 'fact' : `fact \`${factType}\``;
  const reasons = issues.map((issue) => `at \`${issue.path}\`: ${issue.message}`);
  return `${subject} invalid ${reasons.join('; ')}`;
}

/**
 * One line for logs and drop reports: "fact `<type>` invalid at `<path>`: <message>", with every further issue
 * appended after `; `. Of the input, only its `type` string is copied into the message; field values never are.
 */
export function describeFactError(error: z.ZodError, input: unknown): string {
  return describeIssues(factTypeOf(input), issuesOf(error));
}

/**
 * The schema for an input: the one its `type` names (so a process builds only the schemas of the fact types it
 * sees, and parses without the union's indirection), else the union, which reports the unknown type.
 */
function schemaFor(factType: string | undefined): typeof analyticsFactSchema {
  if (factType === undefined || !Object.hasOwn(factSchemasByType, factType)) return analyticsFactSchema;
  const schema: object = factSchemasByType[factType as keyof typeof factSchemasByType];
  return resolveSchema(schema) as typeof analyticsFactSchema;
}

const compiledParsers = new Map<string, CompiledParser>();

/** The generated parser of a fact type (made on its first fact), or `undefined` for a type zod parses. */
function compiledParserFor(factType: string): CompiledParser | undefined {
  let parser = compiledParsers.get(factType);
  if (parser === undefined && Object.hasOwn(compiledFactParserFactories, factType)) {
    const make = compiledFactParserFactories[factType];
    if (make !== undefined) {
      parser = make();
      compiledParsers.set(factType, parser);
    }
  }
  return parser;
}

/**
 * Parses a fact without throwing; on failure says which fact type failed, where, and why.
 *
 * A fact of a type with a generated parser (`compiled-fact-parsers.generated.ts`, generated from the zod schemas
 * by zod's compiler) is parsed by it, without loading zod; anything that parser does not accept, or throws on, is
 * parsed again with the zod schema, which accepts it or explains the rejection (so messages are zod's, unchanged).
 */
export function safeParseFact(input: unknown): SafeParseFactResult {
  const factType = factTypeOf(input);
  const parser = factType === undefined ? undefined : compiledParserFor(factType);
  if (parser !== undefined) {
    try {
      const parsed = parser(input);
      if (parsed !== INVALID) return { success: true, fact: parsed as AnalyticsFact };
    } catch {
      // A getter or proxy that throws: zod reads the input again below and meets the same exception as before.
    }
    return safeParseFactWithZod(input, factType);
  }
  if (factType === undefined || !Object.hasOwn(factSchemasByType, factType)) return safeParseFactWithZod(input, factType);
  // A type without a generated parser (a protocol fact): its schema compiled by zod on first use, which answers
  // exactly as the schema does (a rejection comes from the schema's runtime parser).
  return resultOf(compiledSchemaFor(factType).safeParse(input), factType);
}

const compiledSchemas = new Map<string, typeof analyticsFactSchema>();

function compiledSchemaFor(factType: string): typeof analyticsFactSchema {
  let schema = compiledSchemas.get(factType);
  if (schema === undefined) {
    schema = compileAtFirstUse(loadZod(), schemaFor(factType));
    compiledSchemas.set(factType, schema);
  }
  return schema;
}

function resultOf(result: ReturnType<typeof analyticsFactSchema.safeParse>, factType: string | undefined): SafeParseFactResult {
  if (result.success) return { success: true, fact: result.data };
  const issues = issuesOf(result.error);
  return { success: false, factType, issues, message: describeIssues(factType, issues) };
}

/**
 * `safeParseFact` with the fact type's zod schema on zod's runtime parser, the path of every rejection (a protocol
 * fact's method branches, compiled inside the schema, are the same either way). Not public: tests compare both.
 */
export function safeParseFactWithZod(input: unknown, factType: string | undefined = factTypeOf(input)): SafeParseFactResult {
  return resultOf(schemaFor(factType).safeParse(input), factType);
}
