import { lazySchema } from '@codex-analytics/internal/lazy-schema';
import { decodeBase64Url } from '@codex-analytics/internal/base64';

/** What the analytics path reads from the id token. The JWT signature is not verified, as upstream. */
export interface IdTokenClaims {
  email?: string;
  chatgptAccountId?: string;
  chatgptUserId?: string;
  chatgptPlanType?: string;
  /** `https://api.openai.com/auth` → `chatgpt_account_is_fedramp`; false when absent. */
  isFedramp: boolean;
  /** `exp` in milliseconds since the epoch. */
  expiresAtMs?: number;
}

const optionalString = lazySchema((z) => z.string().optional().catch(undefined));

const openAiAuthClaimsSchema = lazySchema((z) => z.object({
  chatgpt_account_id: optionalString,
  chatgpt_user_id: optionalString,
  user_id: optionalString,
  chatgpt_plan_type: optionalString,
  chatgpt_account_is_fedramp: z.boolean().optional().catch(undefined),
}));

const idTokenPayloadSchema = lazySchema((z) => z.object({
  email: optionalString,
  exp: z.number().optional().catch(undefined),
  'https://api.openai.com/auth': openAiAuthClaimsSchema.optional().catch(undefined),
}));

/** Decodes the payload of a compact JWT; `undefined` when it is not `header.payload.signature` with a JSON object payload. */
export function parseIdTokenClaims(jwt: string): IdTokenClaims | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3 || parts[0] === '' || parts[1] === undefined) return undefined;
  const payloadBytes = decodeBase64Url(parts[1]);
  if (payloadBytes === undefined) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadBytes).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const parsed = idTokenPayloadSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const auth = parsed.data['https://api.openai.com/auth'];
  return {
    email: parsed.data.email,
    chatgptAccountId: auth?.chatgpt_account_id,
    chatgptUserId: auth?.chatgpt_user_id ?? auth?.user_id,
    chatgptPlanType: auth?.chatgpt_plan_type,
    isFedramp: auth?.chatgpt_account_is_fedramp ?? false,
    expiresAtMs: parsed.data.exp === undefined ? undefined : parsed.data.exp * 1000,
  };
}
