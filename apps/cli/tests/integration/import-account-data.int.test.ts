import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  createSpotifyContext,
  openAccountHistoryImporter,
  PgSearchResolutionStore,
  spotifyTrackSearch,
  TrackResolver,
  type ExportFileImporter,
  type SpotifyContext,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { sourceTopic } from '@spotify-insights/schemas';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { readTopic } from './support/read-topic.ts';
import { deleteTestTopics } from './support/test-pipeline.ts';
import { startSimulatedFriends, type SimulatedFriends } from './support/simulated-friends.ts';

/*
 * Issue 6 §1: account-data StreamingHistory*.json (no track id) against the simulator:
 * each distinct (artist, track) searched once through GET /v1/search, cached in
 * app.search_resolutions, a 429 on the way honoured; resolved plays published to the
 * streaming-history topic (a test topic of its own), an unknown track and a broken play
 * dead-lettered; a second file with the same pairs searches nothing.
 */
const logger = createLogger('account-data-test', { level: 'error' });
const suffix = `acct-${process.pid}-${Date.now() % 100_000}`;
const topic = `it-${suffix}.${sourceTopic('streaming-history')}`;
const RETRY_AFTER_S = 2;

interface LoggedRequest {
  receivedAt: number;
  host: 'api' | 'accounts';
  path: string;
  status: number;
}

let friends: SimulatedFriends;
let spotify: SpotifyContext;
let importer: ExportFileImporter;
let resolver: TrackResolver;
const dir = mkdtempSync(join(tmpdir(), 'account-data-'));
const kafka = createKafka(loadConfig().kafka);

/** A catalogue track of the simulator whose (name, first artist) no other hit shares. */
interface KnownTrack {
  id: string;
  name: string;
  artist: string;
}

let known: KnownTrack[] = [];

const play = (endTime: string, t: { name: string; artist: string }, msPlayed = 200_000) => ({
  endTime,
  artistName: t.artist,
  trackName: t.name,
  msPlayed,
});

beforeAll(async () => {
  friends = await startSimulatedFriends('import_account_data', { now: '2026-11-20T12:00:00Z' });
  spotify = createSpotifyContext(friends.config, logger);
  const hits = (await spotify.client.search('a', ['track'], { limit: 10 })).tracks?.items ?? [];
  const pairs = hits.map((t) => ({ id: t.id, name: t.name, artist: t.artists[0]!.name }));
  known = pairs
    .filter((p) => pairs.filter((q) => q.name === p.name && q.artist === p.artist).length === 1)
    .slice(0, 3);
  expect(known).toHaveLength(3);
  resolver = new TrackResolver(
    new PgSearchResolutionStore(friends.db),
    spotifyTrackSearch(spotify.client),
  );
  importer = await openAccountHistoryImporter({
    kafka,
    registry: createSchemaRegistry(friends.config.schemaRegistry),
    db: friends.db,
    logger,
    topic,
    resolver,
    chunkElements: 3,
  });
}, 180_000);

afterAll(async () => {
  await importer?.close();
  if (friends) await deleteTestTopics(friends.config, [topic]);
  await spotify?.db.destroy();
  await friends?.close();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('import account data (StreamingHistory*.json)', () => {
  it('resolves each distinct pair once through search (429 honoured), publishes the plays, dead-letters the rest', async () => {
    const [t1, t2, t3] = known as [KnownTrack, KnownTrack, KnownTrack];
    const file = join(dir, 'StreamingHistory_music_0.json');
    const plays = [
      play('2024-03-01 10:00', t1),
      play('2024-03-01 10:04', t2),
      play('2024-03-01 10:08', t1),
      play('2024-03-01 10:12', { name: 'Zzqx Nowhere Song', artist: 'Nobody Known' }),
      { ...play('2024-03-01 10:16', t3), endTime: '01/03/2024 10:16' }, // broken
      play('2024-03-01 10:20', t3, 5_000),
      play('2024-03-01 10:24', t2),
    ];
    writeFileSync(file, JSON.stringify(plays, null, 2));
    await friends.admin('DELETE', '/_sim/requests');
    await friends.admin('PUT', '/_sim/rate-limit/forced-429', {
      afterRequests: 1,
      retryAfterSeconds: RETRY_AFTER_S,
    });

    const outcome = await importer.importFile({ path: file, userId: 'ayaka.sim', runId: 'a1' });

    expect(outcome).toMatchObject({
      status: 'imported',
      records: 5,
      deadLettered: 2,
      unresolved: 1,
    });
    expect(resolver.stats).toEqual({ cached: 0, searched: 4, notFound: 1 });
    const searches = (await friends.admin<LoggedRequest[]>('GET', '/_sim/requests')).filter(
      (r) => r.host === 'api' && r.path.startsWith('/v1/search'),
    );
    // Four distinct pairs, one answered 429 and asked again only after Retry-After.
    expect(searches.filter((r) => r.status === 200)).toHaveLength(4);
    const limited = searches.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    const after = searches.filter((r) => r.receivedAt > limited[0]!.receivedAt);
    for (const r of after)
      expect(r.receivedAt).toBeGreaterThanOrEqual(
        limited[0]!.receivedAt + RETRY_AFTER_S * 1000 - 50,
      );

    const records = await readTopic(
      kafka,
      createSchemaRegistry(friends.config.schemaRegistry),
      topic,
    );
    expect(
      records
        .map((r) => [
          new Date(r.value['ts'] as number).toISOString(),
          r.value['track_id'],
          r.value['ms_played'],
        ])
        .sort(),
    ).toEqual(
      [
        ['2024-03-01T10:00:00.000Z', t1.id, 200_000n],
        ['2024-03-01T10:04:00.000Z', t2.id, 200_000n],
        ['2024-03-01T10:08:00.000Z', t1.id, 200_000n],
        ['2024-03-01T10:20:00.000Z', t3.id, 5_000n],
        ['2024-03-01T10:24:00.000Z', t2.id, 200_000n],
      ].map(([ts, id, ms]) => [ts, id, Number(ms)]),
    );
    const cached = await friends.db('app.search_resolutions').orderBy('track_name');
    expect(cached.map((r) => r.track_id === null)).toContain(true);
    expect(cached).toHaveLength(4);
  }, 120_000);

  it('searches nothing for pairs it has cached, and skips a file imported before', async () => {
    const [t1, t2] = known as [KnownTrack, KnownTrack];
    const file = join(dir, 'StreamingHistory1.json');
    writeFileSync(
      file,
      JSON.stringify([play('2024-04-01 09:00', t1), play('2024-04-01 09:05', t2)]),
    );
    await friends.admin('DELETE', '/_sim/requests');

    const outcome = await importer.importFile({ path: file, userId: 'ayaka.sim', runId: 'a2' });
    const rerun = await importer.importFile({
      path: join(dir, 'StreamingHistory_music_0.json'),
      userId: 'ayaka.sim',
      runId: 'a2',
    });

    expect(outcome).toMatchObject({ status: 'imported', records: 2, deadLettered: 0 });
    expect(rerun.status).toBe('skipped');
    const searches = (await friends.admin<LoggedRequest[]>('GET', '/_sim/requests')).filter((r) =>
      r.path.startsWith('/v1/search'),
    );
    expect(searches).toEqual([]);
  });
});
