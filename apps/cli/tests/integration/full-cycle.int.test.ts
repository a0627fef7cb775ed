import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '@spotify-insights/config';
import { createSpotifyContext, readRawLines, type RawLine } from '@spotify-insights/ingestion';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { createWarehouseDb, migrateLatest } from '@spotify-insights/warehouse';
import { connectSimulatedUsers } from '../../src/demo/connect-simulated-users.ts';
import { REPO_ROOT } from '../../src/stack/paths.ts';

/*
 * One full ingestion cycle on the real stack with the simulated friend group: the
 * simulator (its own process, clock frozen), the five users connected through PKCE,
 * `run-all producers --once`, then `run-all consumers` until raw holds the cycle.
 * Checks that what the simulator served is in raw exactly once, and that a second
 * producer run sends no recently-played play again.
 */
const SIM_PORT = 18_888;
const simUrl = `http://127.0.0.1:${SIM_PORT}`;
const base = loadConfig();
const testDb = `full_cycle_${process.pid}`;
const dbUrl = (() => {
  const url = new URL(base.warehouse.url);
  url.pathname = `/${testDb}`;
  return url.toString();
})();
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  SPOTIFY_SIM_PORT: String(SIM_PORT),
  SPOTIFY_API_BASE_URL: `${simUrl}/v1`,
  SPOTIFY_ACCOUNTS_BASE_URL: simUrl,
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  DATABASE_URL: dbUrl,
  LOG_LEVEL: 'warn',
};
const config: AppConfig = loadConfig(env);
const started = Date.now();
const children: ChildProcess[] = [];
let admin: Knex;
let db: Knex;

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

async function simJson<T>(path: string, token?: string): Promise<T> {
  const response = await fetch(
    `${simUrl}${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return (await response.json()) as T;
}

/** This run's lines of the simulated users (the raw bucket may hold earlier runs). */
async function rawLinesOf(topic: string): Promise<RawLine[]> {
  const lines = await readRawLines(createLakeClient(config.lake), topic, (key) =>
    /user_id=[a-z]+\.sim\//.test(key),
  );
  return lines.map(({ line }) => line).filter((line) => line.envelope.fetched_at >= started);
}

beforeAll(async () => {
  admin = createWarehouseDb(base.warehouse, { poolMax: 1 });
  await admin.raw(`create database ${testDb}`);
  db = createWarehouseDb({ url: dbUrl });
  await migrateLatest(db);

  const sim = run([join(REPO_ROOT, 'apps/spotify-sim/src/main.ts')]);
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${simUrl}/_sim/users`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (sim.exitCode !== null) throw new Error('the simulator did not start');
    await sleep(100);
  }
  // Frozen simulated time: what the producers fetch is what the test reads back.
  await fetch(`${simUrl}/_sim/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: '2026-11-20T18:00:00Z' }),
  });
  const spotify = createSpotifyContext(config, createLogger('full-cycle-test', { level: 'warn' }));
  await connectSimulatedUsers(simUrl, spotify.client);
  await spotify.db.destroy();
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await db?.destroy();
  await admin?.raw(`drop database if exists ${testDb} with (force)`);
  await admin?.destroy();
});

describe('a full ingestion cycle for the simulated friend group', () => {
  it('lands what the simulator served in raw exactly once, and a rerun re-sends no play', async () => {
    const producers = run([
      join(REPO_ROOT, 'apps/cli/src/main.ts'),
      'run-all',
      'producers',
      '--once',
    ]);
    let producerOutput = '';
    producers.stdout!.on('data', (d: Buffer) => (producerOutput += d.toString()));
    producers.stderr!.on('data', (d: Buffer) => (producerOutput += d.toString()));
    expect(await exitOf(producers), producerOutput).toBe(0);

    expect(producerOutput).not.toContain('must reconnect');
    const users = (await simJson<Array<{ id: string }>>('/_sim/users')).map((u) => u.id);
    expect(users).toHaveLength(5);
    const tokens = await db('app.spotify_tokens').count<{ count: string }[]>({ count: '*' });
    expect(Number(tokens[0]!.count)).toBe(5);

    const consumers = run([join(REPO_ROOT, 'apps/cli/src/main.ts'), 'run-all', 'consumers']);
    let lines: RawLine[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      lines = await rawLinesOf('spotify.recent-plays.v1');
      if (new Set(lines.map((l) => l.envelope.user_id)).size === 5) break;
      await sleep(1000);
    }
    await sleep(3000); // let the last chunks land
    lines = await rawLinesOf('spotify.recent-plays.v1');

    // What the simulator serves each user (its clock is frozen), read back with our client.
    const spotify = createSpotifyContext(
      config,
      createLogger('full-cycle-test', { level: 'warn' }),
    );
    const served = new Set<string>();
    for (const user of users) {
      for (const play of await spotify.client.getRecentlyPlayed(user))
        served.add(`${user}|${play.played_at}|${play.track.id}`);
    }
    await spotify.db.destroy();
    const landed = lines.map(
      (l) =>
        `${l.envelope.user_id}|${(l.item as { played_at: string }).played_at}|${String(l.fields.track_id)}`,
    );
    expect(landed.length).toBe(new Set(landed).size); // no play twice
    expect(new Set(landed)).toEqual(served); // and every play the simulator served

    // Top songs: three ranges per user, ranks 1..n without gaps or repeats.
    const top = await rawLinesOf('spotify.top-songs.v1');
    for (const user of users) {
      for (const range of ['short_term', 'medium_term', 'long_term']) {
        const ranks = top
          .filter((l) => l.envelope.user_id === user && l.fields.time_range === range)
          .map((l) => Number(l.fields.rank))
          .sort((a, b) => a - b);
        expect(ranks.length, `${user} ${range}`).toBeGreaterThan(0);
        expect(ranks).toEqual(ranks.map((_, i) => i + 1));
      }
    }

    // A second cycle at the same simulated time: the recently-played checkpoint holds.
    const again = run([join(REPO_ROOT, 'apps/cli/src/main.ts'), 'run-all', 'producers', '--once']);
    let againOutput = '';
    again.stdout!.on('data', (d: Buffer) => (againOutput += d.toString()));
    again.stderr!.on('data', (d: Buffer) => (againOutput += d.toString()));
    expect(await exitOf(again), againOutput).toBe(0);
    await sleep(5000);
    expect((await rawLinesOf('spotify.recent-plays.v1')).length).toBe(lines.length);

    consumers.kill('SIGTERM');
    expect(await exitOf(consumers)).toBe(0);
  }, 300_000);
});
