import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpotifyContext, readRawLines, type RawLine } from '@spotify-insights/ingestion';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { REPO_ROOT } from '../../src/stack/paths.ts';
import {
  exitOf,
  startSimulatedFriends,
  type SimulatedFriends,
} from './support/simulated-friends.ts';

/*
 * One full ingestion cycle on the real stack with the simulated friend group: the
 * simulator (its own process, clock frozen), the five users connected through PKCE,
 * `run-all producers --once`, then `run-all consumers` until raw holds the cycle.
 * Checks that what the simulator served is in raw exactly once, that a second producer
 * run sends no recently-played play again, and that catalogue lookups are never repeated.
 */
const started = Date.now();
let friends: SimulatedFriends;

/** This run's lines of the simulated users (the raw bucket may hold earlier runs). */
async function rawLinesOf(topic: string): Promise<RawLine[]> {
  const lines = await readRawLines(createLakeClient(friends.config.lake), topic, (key) =>
    /user_id=[a-z]+\.sim\//.test(key),
  );
  return lines.map(({ line }) => line).filter((line) => line.envelope.fetched_at >= started);
}

function cli(args: string[]) {
  const child = friends.spawnNode([join(REPO_ROOT, 'apps/cli/src/main.ts'), ...args]);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

beforeAll(async () => {
  friends = await startSimulatedFriends('full_cycle', {
    now: '2026-11-20T18:00:00Z',
    // 150 requests per 30 s for each producer: the budget run-all splits between the eight.
    env: { SPOTIFY_RATE_LIMIT_PER_30S: '1200' },
  });
}, 120_000);

afterAll(async () => {
  await friends?.close();
});

describe('a full ingestion cycle for the simulated friend group', () => {
  it('lands what the simulator served in raw exactly once, and a rerun re-sends no play', async () => {
    const producers = cli(['run-all', 'producers', '--once']);
    expect(await exitOf(producers.child), producers.output()).toBe(0);
    const producerOutput = producers.output();

    expect(producerOutput).not.toContain('must reconnect');
    const { users, db } = friends;
    expect(users).toHaveLength(5);
    const tokens = await db('app.spotify_tokens').count<{ count: string }[]>({ count: '*' });
    expect(Number(tokens[0]!.count)).toBe(5);

    const consumers = cli(['run-all', 'consumers']);
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
      friends.config,
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
    const again = cli(['run-all', 'producers', '--once']);
    expect(await exitOf(again.child), again.output()).toBe(0);
    await sleep(5000);
    expect((await rawLinesOf('spotify.recent-plays.v1')).length).toBe(lines.length);

    // Catalogue enrichment over both runs: each artist or album asked for at most once,
    // and everything fetched is cached.
    const lookups = (await friends.admin<Array<{ path: string }>>('GET', '/_sim/requests'))
      .filter((r) => /^\/v1\/(artists|albums)\/[^/]+$/.test(r.path))
      .map((r) => r.path);
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.length).toBe(new Set(lookups).size);
    const cached = await db('app.catalogue_items')
      .where({ status: 'fetched' })
      .count<{ count: string }[]>({ count: '*' });
    expect(Number(cached[0]!.count)).toBeGreaterThanOrEqual(lookups.length);

    consumers.child.kill('SIGTERM');
    expect(await exitOf(consumers.child)).toBe(0);
  }, 300_000);
});
