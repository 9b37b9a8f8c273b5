import { signedIntegerSchema } from '@codex-analytics/events';
import { z } from 'zod';

// Mirrors codex-rs/app-server-protocol/schema/typescript/RequestId.ts (Rust `Integer(i64)` or `String`).
export const requestIdSchema = z.union([z.string(), signedIntegerSchema]);
export type RequestId = z.infer<typeof requestIdSchema>;
