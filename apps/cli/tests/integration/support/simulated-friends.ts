import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { loadConfig, type AppConfig } from '@spotify-insights/config';
import { createSpotifyContext } from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { createWarehouseDb, migrateLatest } from '@spotify-insights/warehouse';
import { connectSimulatedUsers } from '../../../src/demo/connect-simulated-users.ts';
import { REPO_ROOT } from '../../../src/stack/paths.ts';
import { freePort } from './free-port.ts';

/**
 * The simulated friend group, ready for producers: the Spotify simulator in its own
 * process on a free port with its clock frozen, a database of the test's own (migrated),
 * and the five users connected through PKCE with their tokens stored there.
 */
export interface SimulatedFriends {
  simUrl: string;
  /** For child processes (and loadConfig): the simulator, a fresh token key, the test database. */
  env: Record<string, string>;
  config: AppConfig;
  /** The test's own database. */
  db: Knex;
  users: string[];
  /** `node <args>` with `env`; killed by close() if still running. */
  spawnNode(args: string[]): ChildProcess;
  /** An admin call to the simulator (`/_sim/...`); throws unless it answers 2xx. */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/** `name` makes the test database's name (`<name>_<pid>`); `now` is the frozen simulated time. */
export async function startSimulatedFriends(
  name: string,
  options: { now: string; env?: Record<string, string> },
): Promise<SimulatedFriends> {
  const base = loadConfig();
  const testDb = `${name}_${process.pid}`;
  const dbUrl = new URL(base.warehouse.url);
  dbUrl.pathname = `/${testDb}`;
  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    SPOTIFY_SIM_PORT: String(simPort),
    SPOTIFY_API_BASE_URL: `${simUrl}/v1`,
    SPOTIFY_ACCOUNTS_BASE_URL: simUrl,
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: dbUrl.toString(),
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const config = loadConfig(env);
  const children: ChildProcess[] = [];
  const adminDb = createWarehouseDb(base.warehouse, { poolMax: 1 });
  await adminDb.raw(`create database ${testDb}`);
  const db = createWarehouseDb({ url: dbUrl.toString() });

  // Each child leads its own process group, so close() also stops what it started
  // (run-all's eight apps) and no app outlives the test.
  const spawnNode = (args: string[]) => {
    const child = spawn(process.execPath, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(child);
    return child;
  };
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${simUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const close = async () => {
    for (const child of children) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group has already exited
      }
    }
    await db.destroy();
    await adminDb.raw(`drop database if exists ${testDb} with (force)`);
    await adminDb.destroy();
  };

  try {
    await migrateLatest(db);
    const sim = spawnNode([join(REPO_ROOT, 'apps/spotify-sim/src/main.ts')]);
    const deadline = Date.now() + 30_000;
    while (
      !(await admin('GET', '/_sim/users').then(
        () => true,
        () => false,
      ))
    ) {
      if (sim.exitCode !== null || Date.now() > deadline)
        throw new Error('the simulator did not start');
      await sleep(100);
    }
    // Frozen simulated time: what the producers fetch is what the test reads back.
    await admin('PUT', '/_sim/clock', { now: options.now });
    const spotify = createSpotifyContext(config, createLogger(name, { level: 'warn' }));
    try {
      const users = (await connectSimulatedUsers(simUrl, spotify.client)).map((u) => u.id);
      return { simUrl, env, config, db, users, spawnNode, admin, close };
    } finally {
      await spotify.db.destroy();
    }
  } catch (error) {
    await close();
    throw error;
  }
}
