import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  openAccountHistoryImporter,
  openStreamingHistoryImporter,
  PgSearchResolutionStore,
  sourceTopicSpec,
  TrackResolver,
  type ExportFileImporter,
  type StreamingHistoryImporter,
  type TrackSearch,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { readSchema, sourceTopic } from '@spotify-insights/schemas';
import { mapPlay } from '@spotify-insights/sources';
import type { PlayHistory } from '@spotify-insights/spotify';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
} from '@spotify-insights/streaming';
import { runTransform } from '@spotify-insights/transform';
import { createScratchDatabase, type ScratchDatabase } from '@spotify-insights/warehouse';
import { deleteTestTopics, testPipeline, type TestTopic } from './support/test-pipeline.ts';

/*
 * Issue 6: account data (StreamingHistory*.json, endTime to the minute) next to the
 * extended export (ts to the second) and recently-played, through the real pipeline
 * (importers → Kafka → raw → transform → warehouse): a play in account data and in the
 * extended export, or also polled, is one fact row, in one transform batch or in two.
 *
 * Search is not what this test is about: its TrackSearch answers from the fixture (the
 * resolver, its cache in PostgreSQL and the importer are the real ones; the simulator
 * path is import-account-data.int.test.ts).
 */
const config = loadConfig();
const suffix = `${process.pid}-${Date.now() % 100_000}`;
const topic = `it-overlap-${suffix}.${sourceTopic('streaming-history')}`;
const apiTopic = `it-overlap-${suffix}.${sourceTopic('recent-plays')}`;
const logger = createLogger('account-overlap-test', { level: 'error' });
const pipeline = testPipeline(config, `overlap-${suffix}`, logger);
const USER = `overlap-${process.pid}`;
const ARTIST = { id: '6AAAAAAAAAAAAAAAAAAAAA', name: 'Aurora Lane' };
const TRACKS = {
  t1: { id: '1AAAAAAAAAAAAAAAAAAAAA', name: 'First Light' },
  t2: { id: '2BBBBBBBBBBBBBBBBBBBBB', name: 'Second Wind' },
  t3: { id: '3CCCCCCCCCCCCCCCCCCCCC', name: 'Third Rail' },
  t4: { id: '4DDDDDDDDDDDDDDDDDDDDD', name: 'Fourth Wall' },
};
type TrackName = keyof typeof TRACKS;
const DURATION_MS = 201_000;

const extendedPlay = (ts: string, track: TrackName, ms: number) => ({
  ts,
  platform: 'android',
  ms_played: ms,
  conn_country: 'DE',
  master_metadata_track_name: TRACKS[track].name,
  master_metadata_album_artist_name: ARTIST.name,
  master_metadata_album_album_name: 'Lane LP',
  spotify_track_uri: `spotify:track:${TRACKS[track].id}`,
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  reason_start: 'trackdone',
  reason_end: 'trackdone',
  shuffle: false,
  skipped: false,
  offline: false,
  offline_timestamp: 0,
  incognito_mode: false,
});

const accountPlay = (endTime: string, track: TrackName, ms: number) => ({
  endTime,
  artistName: ARTIST.name,
  trackName: TRACKS[track].name,
  msPlayed: ms,
});

const extendedFile = [
  extendedPlay('2025-03-10T08:00:41Z', 't1', 200_000),
  extendedPlay('2025-03-10T08:04:59Z', 't2', 180_000),
];
const accountFile = [
  accountPlay('2025-03-10 08:00', 't1', 199_000), // the extended 08:00:41: one play
  accountPlay('2025-03-10 08:05', 't2', 3_000), // the next minute: another play
  accountPlay('2025-03-10 09:00', 't3', 150_000), // only here: kept
  accountPlay('2025-03-10 10:00', 't4', 95_000), // polled at 10:00:17.4: the API's second
];
// Another account file with one of the same plays (an overlapping download).
const accountFileAgain = [accountPlay('2025-03-10 09:00', 't3', 150_000)];

const search: TrackSearch = async ({ trackName }) =>
  Object.values(TRACKS)
    .filter((t) => t.name === trackName)
    .map((t) => ({ id: t.id, name: t.name, artists: [ARTIST] }));

function polledPlay(playedAt: string, track: TrackName): PlayHistory {
  const t = TRACKS[track];
  const artists = [{ ...ARTIST, type: 'artist', uri: `spotify:artist:${ARTIST.id}` }];
  return {
    played_at: playedAt,
    context: null,
    track: {
      id: t.id,
      name: t.name,
      type: 'track',
      uri: `spotify:track:${t.id}`,
      duration_ms: DURATION_MS,
      explicit: false,
      external_ids: { isrc: `QZ${t.id.slice(0, 10)}` },
      artists,
      album: {
        id: `9${t.id.slice(1)}`,
        name: 'Lane LP',
        album_type: 'album',
        release_date: '2024-05-17',
        release_date_precision: 'day',
        total_tracks: 10,
        artists,
        images: [],
        type: 'album',
        uri: `spotify:album:9${t.id.slice(1)}`,
      },
      disc_number: 1,
      track_number: 1,
      is_local: false,
    },
  } as unknown as PlayHistory;
}

const dir = mkdtempSync(join(tmpdir(), 'account-overlap-'));
let scratch: ScratchDatabase;
let db: Knex;
let extendedImporter: StreamingHistoryImporter;
let accountImporter: ExportFileImporter;
const TEST_TOPICS: Record<'imported' | 'polled', TestTopic> = {
  imported: { name: topic, source: 'streaming-history' },
  polled: { name: apiTopic, source: 'recent-plays' },
};

async function producePolled(plays: PlayHistory[]): Promise<number> {
  const registry = createSchemaRegistry(config.schemaRegistry);
  const admin = createKafka(config.kafka).admin();
  await admin.connect();
  await ensureTopics(admin, [{ ...sourceTopicSpec('recent-plays'), name: apiTopic }]);
  await admin.disconnect();
  const schemaId = await registerValueSchema(registry, apiTopic, readSchema('recent-plays'));
  const now = new Date('2025-03-11T00:00:00Z');
  const messages = await Promise.all(
    plays.map(async (play) => ({
      key: USER,
      value: await registry.encode(
        schemaId,
        mapPlay(
          play,
          { userId: USER, runId: 'overlap-api', now },
          'GET /me/player/recently-played',
        ),
      ),
    })),
  );
  const producer = createIdempotentProducer(createKafka(config.kafka));
  await producer.connect();
  await producer.send({ topic: apiTopic, acks: -1, messages });
  await producer.disconnect();
  return messages.length;
}

/** The user's fact rows after the first run: [played_at, track, ms_played, source, platform]. */
const FIRST_RUN_FACTS: unknown[][] = [
  ['2025-03-10T08:00:41.000Z', TRACKS.t1.id, 200_000, 'import', 'android'],
  ['2025-03-10T08:04:59.000Z', TRACKS.t2.id, 180_000, 'import', 'android'],
  ['2025-03-10T08:05:00.000Z', TRACKS.t2.id, 3_000, 'import', null],
  ['2025-03-10T09:00:00.000Z', TRACKS.t3.id, 150_000, 'import', null],
  // the API's second, the account play's ms_played (the API says only the duration)
  ['2025-03-10T10:00:17.000Z', TRACKS.t4.id, 95_000, 'api', null],
];

async function userFacts(): Promise<unknown[][]> {
  const facts = await db('warehouse.fct_play as f')
    .join('warehouse.dim_user as u', 'u.user_key', 'f.user_key')
    .join('warehouse.dim_track as t', 't.track_key', 'f.track_key')
    .where('u.spotify_user_id', USER)
    .orderBy('f.played_at')
    .select('f.played_at', 't.spotify_track_id', 'f.ms_played', 'f.source', 'f.platform');
  return facts.map((f) => [
    (f.played_at as Date).toISOString(),
    f.spotify_track_id,
    f.ms_played,
    f.source,
    f.platform,
  ]);
}

const transform = () =>
  runTransform(
    { db, lake: pipeline.lake, logger, buckets: pipeline.buckets },
    { trigger: 'manual' },
  );

beforeAll(async () => {
  writeFileSync(join(dir, 'Streaming_History_Audio_2025_0.json'), JSON.stringify(extendedFile));
  writeFileSync(join(dir, 'StreamingHistory_music_0.json'), JSON.stringify(accountFile));
  writeFileSync(join(dir, 'StreamingHistory0.json'), JSON.stringify(accountFileAgain));
  scratch = await createScratchDatabase(config.warehouse, 'overlap');
  db = scratch.db;
  await pipeline.makeBuckets();
  const deps = {
    kafka: createKafka(config.kafka),
    registry: createSchemaRegistry(config.schemaRegistry),
    db,
    logger,
    topic,
  };
  extendedImporter = await openStreamingHistoryImporter(deps);
  accountImporter = await openAccountHistoryImporter({
    ...deps,
    resolver: new TrackResolver(new PgSearchResolutionStore(db), search),
  });
}, 120_000);

afterAll(async () => {
  await extendedImporter?.close();
  await accountImporter?.close();
  await deleteTestTopics(config, [topic, apiTopic]);
  await pipeline.cleanup();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('account data next to the extended export and recently-played', () => {
  it('keeps one fact row per play: the precise one where there is one, else the account play', async () => {
    const runId = 'overlap-1';
    const outcomes = [
      await extendedImporter.importFile({
        path: join(dir, 'Streaming_History_Audio_2025_0.json'),
        userId: USER,
        runId,
      }),
      await accountImporter.importFile({
        path: join(dir, 'StreamingHistory_music_0.json'),
        userId: USER,
        runId,
      }),
      await accountImporter.importFile({
        path: join(dir, 'StreamingHistory0.json'),
        userId: USER,
        runId,
      }),
    ];
    const sent = outcomes.reduce((n, o) => n + o.records, 0);
    expect(sent).toBe(extendedFile.length + accountFile.length + accountFileAgain.length);
    expect(await pipeline.landInRaw(TEST_TOPICS.imported, sent)).toBe(sent);
    const polled = await producePolled([polledPlay('2025-03-10T10:00:17.400Z', 't4')]);
    expect(await pipeline.landInRaw(TEST_TOPICS.polled, polled)).toBe(polled);
    await pipeline.copyRawObjects();

    const run = await transform();
    expect(run.status, JSON.stringify(run.quality?.blocked)).toBe('succeeded');

    expect(await userFacts()).toEqual(FIRST_RUN_FACTS);
  }, 300_000);

  it('keeps one row when the extended export of an account play comes in a later run', async () => {
    // Spotify sends account data within days and the extended export weeks later: the
    // 09:00 account play (only record so far, loaded above) meets its twin a run later.
    const later = [extendedPlay('2025-03-10T09:00:33Z', 't3', 151_000)];
    writeFileSync(join(dir, 'Streaming_History_Audio_2025_1.json'), JSON.stringify(later));
    const outcome = await extendedImporter.importFile({
      path: join(dir, 'Streaming_History_Audio_2025_1.json'),
      userId: USER,
      runId: 'overlap-2',
    });
    expect(outcome.records).toBe(1);
    // the consumer group goes on from its committed offsets: only the new record
    expect(await pipeline.landInRaw(TEST_TOPICS.imported, 1)).toBe(1);
    await pipeline.copyRawObjects();

    const run = await transform();
    expect(run.status, JSON.stringify(run.quality?.blocked)).toBe('succeeded');

    // the 09:00:00 account play gave way to the extended export's 09:00:33
    const replaced = ['2025-03-10T09:00:33.000Z', TRACKS.t3.id, 151_000, 'import', 'android'];
    expect(await userFacts()).toEqual(FIRST_RUN_FACTS.with(3, replaced));
  }, 300_000);
});
