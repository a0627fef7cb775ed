/*
 * A tiny test client for the simulator: starts it in-process on port 0, authorises
 * users, and calls the Web API. Every Web API 2xx JSON body it receives is checked
 * against the OpenAPI contract (and, in dev-mode-2026, for removed fields); problems
 * are collected so each test file can assert there were none.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createSimulator,
  type Profile,
  type Simulator,
  type SimulatorOptions,
} from '../../../src/index.ts';
import { removedFieldsIn, validateResponse } from './contract.ts';

// Response bodies are poked at ad hoc in assertions; the contract check above is their type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const CLIENT_ID = 'test-client';
export const CLIENT_SECRET = 'test-secret';
export const REDIRECT_URI = 'http://127.0.0.1:5173/auth/callback';
export const ALL_SCOPES = [
  'user-read-private',
  'user-read-recently-played',
  'user-top-read',
  'user-library-read',
  'playlist-read-private',
  'playlist-read-collaborative',
  'user-follow-read',
].join(' ');

export interface Received {
  profile: Profile;
  path: string;
  status: number;
}

export const contractProblems: string[] = [];
export const received: Received[] = [];

export interface Harness {
  sim: Simulator;
  url: string;
  profile: Profile;
  setProfile(profile: Profile): Promise<void>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  api(
    token: string,
    pathAndQuery: string,
  ): Promise<{ status: number; headers: Headers; body: Json }>;
  /** Follows `next` until exhausted (absolute URLs), returning every page. */
  pages(token: string, pathAndQuery: string, pick?: (body: Json) => Json): Promise<Json[]>;
  login(userId: string, scope?: string): Promise<Tokens>;
  close(): Promise<void>;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function tokenRequest(url: string, form: Record<string, string>, basic?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  const res = await fetch(`${url}/api/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const sim = createSimulator({
    clients: { [CLIENT_ID]: CLIENT_SECRET },
    now: Date.parse('2026-06-15T18:00:00Z'),
    ...options,
  });
  const url = await sim.listen(0);
  const h: Harness = {
    sim,
    url,
    profile: options.profile ?? 'dev-mode-2026',
    setProfile: async (profile) => {
      await h.admin('PUT', '/_sim/profile', { profile });
      h.profile = profile;
    },
    admin: async (method, path, body) => {
      const res = await fetch(`${url}${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    api: async (token, pathAndQuery) => {
      const target = pathAndQuery.startsWith('http') ? pathAndQuery : `${url}/v1${pathAndQuery}`;
      const res = await fetch(target, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      const path = new URL(target).pathname.replace(/^\/v1/, '');
      received.push({ profile: h.profile, path, status: res.status });
      if (res.ok) {
        contractProblems.push(...validateResponse(h.profile, path, body));
        if (h.profile === 'dev-mode-2026')
          contractProblems.push(
            ...removedFieldsIn(body).map((p) => `${path}: removed field at ${p}`),
          );
      }
      return { status: res.status, headers: res.headers, body };
    },
    pages: async (token, pathAndQuery, pick = (b) => b) => {
      const result: Json[] = [];
      let next: string | undefined = pathAndQuery;
      for (let guard = 0; next && guard < 500; guard++) {
        const res = await h.api(token, next);
        if (res.status !== 200)
          throw new Error(`${next} → ${res.status} ${JSON.stringify(res.body)}`);
        const page = pick(res.body);
        result.push(page);
        next = page.next ?? undefined;
      }
      return result;
    },
    login: async (userId, scope = ALL_SCOPES) => {
      const { verifier, challenge } = pkcePair();
      const auth = await h.admin('POST', `/_sim/users/${userId}/authorize`, {
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        code_challenge: challenge,
        state: 's',
        scope,
      });
      const code =
        new URL((auth.body as { redirect: string }).redirect).searchParams.get('code') ?? '';
      const res = await tokenRequest(url, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      });
      if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
      return res.body as Tokens;
    },
    close: () => sim.close(),
  };
  return h;
}
