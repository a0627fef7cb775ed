/*
 * The Spotify simulator: a deterministic stand-in for accounts.spotify.com and
 * api.spotify.com/v1 (2026 Development Mode, or the extended legacy API), with an
 * admin API under /_sim for tests and demos.
 */
import type { FastifyInstance } from 'fastify';
import { OAuthStore } from './accounts/oauth-store.ts';
import type { Profile } from './api/profile.ts';
import { FaultBook } from './http/faults.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { RequestLog } from './http/request-log.ts';
import { buildApp } from './server.ts';
import type { SimState } from './state.ts';
import { createClock, type SimClock } from './world/clock.ts';
import { buildWorld, type World } from './world/world.ts';

export interface SimulatorOptions {
  /** Everything generated derives from this (default 42). */
  seed?: number;
  /** Registered apps: client id → client secret. */
  clients?: Record<string, string>;
  profile?: Profile;
  /** Start with a simulated clock at this instant (epoch ms); real time otherwise. */
  now?: number;
  /** App-wide requests per rolling 30 s; null (default) means unlimited. */
  requestsPer30s?: number | null;
}

export interface Simulator {
  app: FastifyInstance;
  world: World;
  clock: SimClock;
  state: SimState;
  /** Starts listening and returns the base URL, e.g. http://127.0.0.1:8888 */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 42;
export const DEFAULT_CLIENTS: Readonly<Record<string, string>> = {
  'spotify-insights-local': 'spotify-insights-local-secret',
};

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed = options.seed ?? DEFAULT_SEED;
  const clock = createClock(options.now);
  const world = buildWorld(seed);
  const state: SimState = {
    world,
    clock,
    oauth: new OAuthStore(clock, seed, new Map(Object.entries(options.clients ?? DEFAULT_CLIENTS))),
    limiter: new RateLimiter(clock, { requestsPer30s: options.requestsPer30s ?? null }),
    faults: new FaultBook(),
    requests: new RequestLog(),
    profile: options.profile ?? 'dev-mode-2026',
    perRequest: new WeakMap(),
  };
  const app = buildApp(state);
  return {
    app,
    world,
    clock,
    state,
    listen: async (port = 0, host = '127.0.0.1') => {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return `http://${host}:${actualPort}`;
    },
    close: () => app.close(),
  };
}

export type { Profile } from './api/profile.ts';
export { PROFILES } from './api/profile.ts';
export type { SimClock } from './world/clock.ts';
export type { World } from './world/world.ts';
export type { LoggedRequest } from './http/request-log.ts';
export type { FaultKind } from './http/faults.ts';
