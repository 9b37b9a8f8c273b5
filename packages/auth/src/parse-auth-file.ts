import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/internal/lazy-schema';
import { createCodexAuth } from './codex-auth.js';
import type { CodexAuth } from './codex-auth.js';
import { parseIdTokenClaims } from './id-token-claims.js';
import { isRfc3339Timestamp } from './rfc3339.js';

/** What `auth.json` holds: credentials, plus the raw agent identity record (validated where it is used). */
export interface AuthFileContents {
  auth: CodexAuth | undefined;
  agentIdentity: unknown;
}

export type ParseAuthFileResult =
  | { ok: true; contents: AuthFileContents }
  /** `field` is a dotted JSON path; `problem` describes the expectation, never the value. */
  | { ok: false; field: string; problem: string };

// Strict: `Date.parse` would take "hello 1" (upstream's `DateTime<Utc>` would not).
const isoTimestamp = lazySchema((z) => z.string().refine(isRfc3339Timestamp, 'expected an RFC 3339 timestamp'));

// The shape Codex writes (`codex-rs/login/src/auth/storage.rs`, `AuthDotJson`); unknown keys are allowed.
const authFileSchema = lazySchema((z) => z.looseObject({
  auth_mode: z.enum(['apikey', 'apiKey', 'chatgpt', 'chatgptAuthTokens']).nullish(),
  OPENAI_API_KEY: z.string().nullish(),
  tokens: z
    .looseObject({
      id_token: z.string().refine((value) => parseIdTokenClaims(value) !== undefined, 'expected a decodable JWT'),
      access_token: z.string(),
      refresh_token: z.string().nullish(),
      account_id: z.string().nullish(),
    })
    .nullish(),
  last_refresh: isoTimestamp.nullish(),
  agent_identity: z.unknown().optional(),
}));

type AuthFileJson = z.infer<typeof authFileSchema>;

/** Parses the text of `auth.json`. Failures name the field and what was expected; they never quote the content. */
export function parseAuthFile(text: string): ParseAuthFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The native message quotes part of the input, which may be a token: say only what failed.
    return { ok: false, field: '(root)', problem: 'is not valid JSON' };
  }
  const parsed = authFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return { ok: false, field, problem: describeIssue(issue) };
  }
  return authFromJson(parsed.data);
}

function authFromJson(json: AuthFileJson): ParseAuthFileResult {
  const agentIdentity = json.agent_identity;
  const apiKey = json.OPENAI_API_KEY ?? undefined;
  const mode = json.auth_mode ?? (apiKey !== undefined && apiKey !== '' ? 'apikey' : json.tokens ? 'chatgpt' : undefined);
  switch (mode) {
    case undefined:
      return { ok: true, contents: { auth: undefined, agentIdentity } };
    case 'apikey':
    case 'apiKey':
      if (apiKey === undefined || apiKey === '') {
        return { ok: false, field: 'OPENAI_API_KEY', problem: `is required when auth_mode is "${mode}"` };
      }
      return { ok: true, contents: { auth: createCodexAuth({ kind: 'apiKey', apiKey }), agentIdentity } };
    case 'chatgpt':
    case 'chatgptAuthTokens': {
      const tokens = json.tokens;
      if (!tokens) return { ok: false, field: 'tokens', problem: `is required when auth_mode is "${mode}"` };
      const auth = createCodexAuth({
        kind: mode,
        tokens: {
          accessToken: tokens.access_token,
          accountId: tokens.account_id ?? undefined,
          claims: parseIdTokenClaims(tokens.id_token),
          hasLastRefresh: json.last_refresh !== undefined && json.last_refresh !== null,
        },
      });
      return { ok: true, contents: { auth, agentIdentity } };
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'is invalid';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'custom':
      // Our own refinement messages: they describe the expectation only.
      return issue.message;
    default:
      return 'is invalid';
  }
}
