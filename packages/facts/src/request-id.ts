import { signedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/RequestId.ts (Rust `Integer(i64)` or `String`).
export const requestIdSchema = lazySchema((z) => z.union([z.string(), signedIntegerSchema]));
export type RequestId = z.infer<typeof requestIdSchema>;
