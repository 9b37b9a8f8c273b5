import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha512 } from '@noble/hashes/sha2';
import nacl from 'tweetnacl';
import { sealBox } from './seal-box.js';

// Test-only: a ChatGPT backend stand-in on 127.0.0.1 implementing the three agent endpoints with real keys.
// It checks what a real backend would check (bearer, biscuit scope, registration signature) and counts calls.

export interface FakeAgentBackendOptions {
  /** The only access token `authenticate_app_v2` accepts. */
  accessToken: string;
  /** The agent's `auth.json`: the fake reads the stored private key to derive the X25519 key it seals task ids to. */
  authFile: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface AssertionFields {
  agent_runtime_id: string;
  signature: string;
  task_id: string;
  timestamp: string;
}

export interface FakeAgentBackend {
  /** `http://127.0.0.1:<port>/backend-api` */
  readonly baseUrl: string;
  readonly counts: { biscuits: number; agentRegistrations: number; taskRegistrations: number };
  readonly requests: RecordedRequest[];
  /** Answer this endpoint with this status (and a body echoing the credentials it received) until cleared. */
  readonly failures: { authenticate?: number; agentRegister?: number; taskRegister?: number };
  /** Checks an `Authorization` value as the backend would; throws with the reason when it is not a valid assertion. */
  verifyAssertion(headerValue: string): AssertionFields;
  /** The raw Ed25519 public key an agent registered with, or `undefined` for an agent never registered. */
  registeredPublicKey(agentRuntimeId: string): Uint8Array | undefined;
  close(): Promise<void>;
}

const basePath = '/backend-api';
const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export async function startFakeAgentBackend(options: FakeAgentBackendOptions): Promise<FakeAgentBackend> {
  const counts = { biscuits: 0, agentRegistrations: 0, taskRegistrations: 0 };
  const requests: RecordedRequest[] = [];
  const failures: FakeAgentBackend['failures'] = {};
  const biscuitTargets = new Map<string, string>();
  const agents = new Map<string, { publicKey: Uint8Array; taskIds: Set<string> }>();
  let origin = '';

  const acceptedBiscuit = (request: RecordedRequest): boolean => {
    const biscuit = request.headers['x-openai-authorization'];
    return biscuit !== undefined && biscuitTargets.get(biscuit) === `${origin}${request.path}`;
  };

  const handle = async (request: RecordedRequest, response: ServerResponse): Promise<void> => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const echoCredentials = (status: number) =>
      json(status, {
        error: 'injected failure',
        authorization: request.headers.authorization ?? null,
        biscuit: request.headers['x-openai-authorization'] ?? null,
      });

    if (request.method === 'GET' && request.path === `${basePath}/authenticate_app_v2`) {
      if (failures.authenticate !== undefined) return echoCredentials(failures.authenticate);
      const target = request.headers['x-original-url'] ?? '';
      if (request.headers.authorization !== `Bearer ${options.accessToken}`) return json(401, { error: 'bad bearer' });
      if (request.headers['x-original-method'] !== 'POST' || !target.startsWith(`${origin}${basePath}/v1/agent/`)) {
        return json(400, { error: 'bad original request' });
      }
      if (!/^codex-agent-identity-[A-Za-z0-9_-]{22}$/.test(request.headers['x-request-id'] ?? '')) {
        return json(400, { error: 'bad request id' });
      }
      counts.biscuits += 1;
      const biscuit = `biscuit-SECRET-${counts.biscuits}-0123456789`;
      biscuitTargets.set(biscuit, target);
      return json(200, {}, { 'x-openai-authorization': biscuit });
    }

    if (request.method === 'POST' && request.path === `${basePath}/v1/agent/register`) {
      if (failures.agentRegister !== undefined) return echoCredentials(failures.agentRegister);
      if (!acceptedBiscuit(request)) return json(401, { error: 'bad biscuit' });
      if (request.headers['content-type'] !== 'application/json') return json(415, { error: 'not json' });
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const publicKey = parseSshEd25519(body.agent_public_key);
      const abom = body.abom as Record<string, unknown> | undefined;
      const validAbom =
        typeof abom?.agent_version === 'string' &&
        (abom.agent_harness_id === 'codex-cli' || abom.agent_harness_id === 'codex-app') &&
        typeof abom.running_location === 'string';
      if (publicKey === undefined || !validAbom || !Array.isArray(body.capabilities) || body.capabilities.length !== 0) {
        return json(400, { error: 'bad registration' });
      }
      counts.agentRegistrations += 1;
      const agentRuntimeId = `agent_${counts.agentRegistrations}`;
      agents.set(agentRuntimeId, { publicKey, taskIds: new Set() });
      return json(200, { agent_runtime_id: agentRuntimeId });
    }

    const taskMatch = /^\/backend-api\/v1\/agent\/([^/]+)\/task\/register$/.exec(request.path);
    if (request.method === 'POST' && taskMatch?.[1] !== undefined) {
      if (failures.taskRegister !== undefined) return echoCredentials(failures.taskRegister);
      if (!acceptedBiscuit(request)) return json(401, { error: 'bad biscuit' });
      const agentRuntimeId = decodeURIComponent(taskMatch[1]);
      const agent = agents.get(agentRuntimeId);
      if (agent === undefined) return json(404, { error: 'unknown agent' });
      const body = JSON.parse(request.body) as Record<string, unknown>;
      const { signature, timestamp } = body;
      if (typeof signature !== 'string' || typeof timestamp !== 'string' || !timestampPattern.test(timestamp)) {
        return json(400, { error: 'bad task registration' });
      }
      if (!verifyEd25519(agent.publicKey, `${agentRuntimeId}:${timestamp}`, signature)) {
        return json(401, { error: 'bad signature' });
      }
      counts.taskRegistrations += 1;
      const taskId = `task_${counts.taskRegistrations}`;
      agent.taskIds.add(taskId);
      const recipient = await agentX25519PublicKey(options.authFile, agentRuntimeId);
      const sealed = sealBox(Buffer.from(taskId, 'utf8'), recipient);
      return json(200, { encrypted_task_id: Buffer.from(sealed).toString('base64') });
    }

    return json(404, { error: 'no such endpoint' });
  };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const request = { method: incoming.method ?? '', path: incoming.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(error instanceof Error ? error.message : 'error');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}${basePath}`,
    counts,
    requests,
    failures,
    verifyAssertion: (headerValue) => {
      const prefix = 'AgentAssertion ';
      if (!headerValue.startsWith(prefix)) throw new Error('not an AgentAssertion');
      const encoded = headerValue.slice(prefix.length);
      if (!/^[A-Za-z0-9_-]+$/.test(encoded)) throw new Error('not unpadded base64url');
      const text = Buffer.from(encoded, 'base64url').toString('utf8');
      const fields = JSON.parse(text) as Record<string, unknown>;
      const keys = Object.keys(fields);
      if (keys.join(',') !== 'agent_runtime_id,signature,task_id,timestamp') throw new Error(`unexpected keys ${keys.join(',')}`);
      const { agent_runtime_id: agentRuntimeId, signature, task_id: taskId, timestamp } = fields;
      if (typeof agentRuntimeId !== 'string' || typeof signature !== 'string' || typeof taskId !== 'string' || typeof timestamp !== 'string') {
        throw new Error('fields are not strings');
      }
      if (!timestampPattern.test(timestamp)) throw new Error('bad timestamp');
      const agent = agents.get(agentRuntimeId);
      if (agent === undefined) throw new Error('unknown agent');
      if (!agent.taskIds.has(taskId)) throw new Error('task not issued to this agent');
      if (!verifyEd25519(agent.publicKey, `${agentRuntimeId}:${taskId}:${timestamp}`, signature)) throw new Error('bad signature');
      return { agent_runtime_id: agentRuntimeId, signature, task_id: taskId, timestamp };
    },
    registeredPublicKey: (agentRuntimeId) => agents.get(agentRuntimeId)?.publicKey,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function parseSshEd25519(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  const [type, encoded] = value.split(' ');
  if (type !== 'ssh-ed25519' || encoded === undefined) return undefined;
  const blob = Buffer.from(encoded, 'base64');
  const nameLength = blob.readUInt32BE(0);
  if (blob.subarray(4, 4 + nameLength).toString('ascii') !== 'ssh-ed25519') return undefined;
  const keyLength = blob.readUInt32BE(4 + nameLength);
  if (keyLength !== 32 || blob.length !== 8 + nameLength + keyLength) return undefined;
  return new Uint8Array(blob.subarray(8 + nameLength));
}

function verifyEd25519(publicKey: Uint8Array, message: string, signatureBase64: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
  return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
}

// The X25519 public key of the agent: SHA-512 of its Ed25519 seed, first 32 bytes, clamped, times the base point.
async function agentX25519PublicKey(authFile: string, agentRuntimeId: string): Promise<Uint8Array> {
  const stored = JSON.parse(await readFile(authFile, 'utf8')) as { agent_identity?: { agent_runtime_id?: string; agent_private_key?: string } };
  const identity = stored.agent_identity;
  if (identity?.agent_runtime_id !== agentRuntimeId || identity.agent_private_key === undefined) {
    throw new Error('the agent identity is not stored before its task registration');
  }
  const privateKey = createPrivateKey({ key: Buffer.from(identity.agent_private_key, 'base64'), format: 'der', type: 'pkcs8' });
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const secret = sha512(seed).slice(0, 32);
  secret[0] = secret[0]! & 248;
  secret[31] = (secret[31]! & 127) | 64;
  return nacl.scalarMult.base(secret);
}
