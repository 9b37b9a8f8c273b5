import { expect } from 'vitest';

/** Equal values and the same key order: the JSON the reducer would put on the wire, byte for byte. */
export function expectJson(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

export const APP_SERVER_CLIENT = {
  product_client_id: 'codex_vscode',
  client_name: 'codex-vscode',
  client_version: '1.2.3',
  rpc_transport: 'websocket',
  experimental_api_enabled: false,
} as const;
