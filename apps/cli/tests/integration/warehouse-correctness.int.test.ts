import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  deadLetterTopicOf,
  openStreamingHistoryImporter,
  sourceTopicSpec,
  type FileImportOutcome,
  type StreamingHistoryImporter,
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
import { testPipeline, type TestTopic } from './support/test-pipeline.ts';

/*
 * Issue 5 §6: known plays, written here as Spotify export files (duplicates within a file
 * and across files, short plays, an incognito play, a podcast episode, two months, an
 * old-format file, one broken play), go through the real pipeline: importer → Kafka →
 * raw consumer → raw → transform → warehouse. The marts' totals are compared with
 * values computed here from the fixture, independently of the pipeline.
 *
 * The export names a track's album artist but gives no artist id, so the artists come
 * from the API, as they do for a real user: a few of the same plays are also polled from
 * recently-played (full track objects with their artists, through the recent-plays
 * topic). Those polled copies must meet their imported twins and count once.
 *
 * Isolation on the shared stack: topics of this test's own, landed and copied into
 * buckets of its own by testPipeline (see support/test-pipeline.ts), transformed into a
 * scratch database.
 */
const config = loadConfig();
const suffix = `${process.pid}-${Date.now() % 100_000}`;
const topic = `it-correctness-${suffix}.${sourceTopic('streaming-history')}`;
const apiTopic = `it-correctness-${suffix}.${sourceTopic('recent-plays')}`;
const logger = createLogger('correctness-test', { level: 'error' });
const pipeline = testPipeline(config, `corr-${suffix}`, logger);
const transformDeps = () => ({ db, lake: pipeline.lake, logger, buckets: pipeline.buckets });
const USER_A = `correctness-${process.pid}-a`;
const USER_B = `correctness-${process.pid}-b`;

// ---- the fixture: plays as Spotify's export writes them --------------------------------

const ARTISTS = {
  aurora: { id: '6AAAAAAAAAAAAAAAAAAAAA', name: 'Aurora Lane' },
  brass: { id: '7BBBBBBBBBBBBBBBBBBBBB', name: 'Brass Tacks' },
  cold: { id: '8CCCCCCCCCCCCCCCCCCCCC', name: 'Cold Harbor' },
};
type ArtistRef = (typeof ARTISTS)[keyof typeof ARTISTS];
// `artist` is what the export names (the album artist); `artists` what the API credits.
const TRACKS = {
  t1: {
    id: '1AAAAAAAAAAAAAAAAAAAAA',
    name: 'First Light',
    artist: 'Aurora Lane',
    artists: [ARTISTS.aurora],
  },
  t2: {
    id: '2BBBBBBBBBBBBBBBBBBBBB',
    name: 'Second Wind',
    artist: 'Aurora Lane',
    artists: [ARTISTS.aurora],
  },
  // A feature: the track credits both artists.
  t3: {
    id: '3CCCCCCCCCCCCCCCCCCCCC',
    name: 'Third Rail',
    artist: 'Brass Tacks',
    artists: [ARTISTS.brass, ARTISTS.cold],
  },
  t4: {
    id: '4DDDDDDDDDDDDDDDDDDDDD',
    name: 'Fourth Wall',
    artist: 'Cold Harbor',
    artists: [ARTISTS.cold],
  },
} satisfies Record<string, { id: string; name: string; artist: string; artists: ArtistRef[] }>;
const TRACK_DURATION_MS = 201_000;
const EPISODE = { id: '5EEEEEEEEEEEEEEEEEEEEE', name: 'Episode 12', show: 'Data Talk' };

type ExportPlay = Record<string, unknown>;

function trackPlay(
  ts: string,
  track: keyof typeof TRACKS,
  ms: number,
  extra: ExportPlay = {},
): ExportPlay {
  const t = TRACKS[track];
  return {
    ts,
    platform: 'android',
    ms_played: ms,
    conn_country: 'DE',
    ip_addr: '203.0.113.50',
    master_metadata_track_name: t.name,
    master_metadata_album_artist_name: t.artist,
    master_metadata_album_album_name: `${t.artist} LP`,
    spotify_track_uri: `spotify:track:${t.id}`,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: 'trackdone',
    reason_end: ms < 30_000 ? 'fwdbtn' : 'trackdone',
    shuffle: false,
    skipped: ms < 30_000,
    offline: false,
    offline_timestamp: 0,
    incognito_mode: false,
    ...extra,
  };
}

function episodePlay(ts: string, ms: number): ExportPlay {
  return {
    ...trackPlay(ts, 't1', ms),
    master_metadata_track_name: null,
    master_metadata_album_artist_name: null,
    master_metadata_album_album_name: null,
    spotify_track_uri: null,
    episode_name: EPISODE.name,
    episode_show_name: EPISODE.show,
    spotify_episode_uri: `spotify:episode:${EPISODE.id}`,
  };
}

/** The older endsong_*.json field name for the IP address. */
function oldFormat(play: ExportPlay): ExportPlay {
  const { ip_addr, ...rest } = play;
  return { ...rest, ip_addr_decrypted: ip_addr };
}

// User A: March and April 2025. Plays 3 and 4 are also in file 2; play 0 twice in file 1.
const aMarch = [
  trackPlay('2025-03-10T08:00:00Z', 't1', 200_000),
  trackPlay('2025-03-10T08:04:00Z', 't2', 180_000),
  trackPlay('2025-03-10T08:04:20Z', 't3', 12_000), // short: minutes, not a stream
  trackPlay('2025-03-11T19:30:00Z', 't1', 210_000),
  trackPlay('2025-03-12T07:15:00Z', 't4', 29_999), // just short of a stream
  trackPlay('2025-03-12T07:20:00Z', 't3', 30_000), // exactly a stream
  trackPlay('2025-03-15T22:00:00Z', 't2', 240_000, { incognito_mode: true }),
  episodePlay('2025-03-16T06:30:00Z', 1_800_000),
];
const aApril = [
  trackPlay('2025-04-02T12:00:00Z', 't1', 190_000),
  trackPlay('2025-04-02T12:03:30Z', 't1', 195_000),
  trackPlay('2025-04-05T09:00:00Z', 't3', 220_000),
  trackPlay('2025-04-05T09:03:00Z', 't4', 5_000),
  episodePlay('2025-04-06T06:30:00Z', 900_000),
  trackPlay('2025-04-20T18:00:00Z', 't2', 175_000),
];
const fileA1 = [...aMarch.slice(0, 5), aMarch[0]!, ...aMarch.slice(5)];
const fileA2 = [
  ...[aMarch[3]!, aMarch[4]!].map(oldFormat),
  oldFormat({ ...trackPlay('2025-04-01T00:00:00Z', 't1', 1000), ts: 'not a time' }), // broken
  ...aApril.map(oldFormat),
];
const fileB = [
  trackPlay('2025-03-20T10:00:00Z', 't3', 200_000),
  trackPlay('2025-03-20T10:04:00Z', 't3', 201_000),
  trackPlay('2025-04-21T10:00:00Z', 't4', 15_000),
];
/** Plays also polled from the API, one per track, so every track gets its artists. */
const POLLED_COPIES: Array<{ user: string; play: ExportPlay }> = [
  { user: USER_A, play: aMarch[0]! }, // t1
  { user: USER_A, play: aMarch[1]! }, // t2
  { user: USER_A, play: aMarch[4]! }, // t4, a short play: the import's ms_played must win
  { user: USER_B, play: fileB[0]! }, // t3
];

// ---- expected values, computed from the fixture alone ------------------------------------

interface Expected {
  musicMs: number;
  musicStreams: number;
  trackPlaysInFacts: number;
  podcastMs: number;
  monthlyMusicMs: Record<string, number>;
  topTrackId: string;
  /** All time, by streams then minutes; a track credits each of its artists. */
  topArtistIds: string[];
}

function expectedFor(files: ExportPlay[][]): Expected {
  const unique = new Map<string, ExportPlay>();
  for (const play of files.flat()) {
    const at = Date.parse(String(play['ts']));
    if (Number.isNaN(at)) continue; // the broken play is dead-lettered
    const item = play['spotify_track_uri'] ?? play['spotify_episode_uri'];
    unique.set(`${Math.floor(at / 1000)}|${String(item)}`, play);
  }
  const plays = [...unique.values()];
  const tracks = plays.filter((p) => p['spotify_track_uri']);
  const music = tracks.filter((p) => p['incognito_mode'] !== true);
  const ms = (p: ExportPlay) => Number(p['ms_played']);
  const monthly: Record<string, number> = {};
  const perTrack = new Map<string, { streams: number; ms: number }>();
  for (const p of music) {
    const month = String(p['ts']).slice(0, 7);
    monthly[month] = (monthly[month] ?? 0) + ms(p);
    const id = String(p['spotify_track_uri']).split(':')[2]!;
    const t = perTrack.get(id) ?? { streams: 0, ms: 0 };
    perTrack.set(id, { streams: t.streams + (ms(p) >= 30_000 ? 1 : 0), ms: t.ms + ms(p) });
  }
  const byStreamsThenMs = (
    [, a]: [string, { streams: number; ms: number }],
    [, b]: [string, { streams: number; ms: number }],
  ) => b.streams - a.streams || b.ms - a.ms;
  const [top] = [...perTrack.entries()].sort(byStreamsThenMs);
  const perArtist = new Map<string, { streams: number; ms: number }>();
  for (const [trackId, t] of perTrack) {
    const track = Object.values(TRACKS).find((candidate) => candidate.id === trackId)!;
    for (const artist of track.artists) {
      const a = perArtist.get(artist.id) ?? { streams: 0, ms: 0 };
      perArtist.set(artist.id, { streams: a.streams + t.streams, ms: a.ms + t.ms });
    }
  }
  return {
    musicMs: music.reduce((n, p) => n + ms(p), 0),
    musicStreams: music.filter((p) => ms(p) >= 30_000).length,
    trackPlaysInFacts: tracks.length,
    podcastMs: plays.filter((p) => p['spotify_episode_uri']).reduce((n, p) => n + ms(p), 0),
    monthlyMusicMs: monthly,
    topTrackId: top![0],
    topArtistIds: [...perArtist.entries()].sort(byStreamsThenMs).map(([id]) => id),
  };
}

// ---- the same plays as recently-played returns them ---------------------------------------

/** A `GET /me/player/recently-played` item: a full track object, its artists with ids. */
function apiPlay(play: ExportPlay): PlayHistory {
  const id = String(play['spotify_track_uri']).split(':')[2]!;
  const track = Object.values(TRACKS).find((candidate) => candidate.id === id)!;
  const artists = track.artists.map((a) => ({
    id: a.id,
    name: a.name,
    type: 'artist',
    uri: `spotify:artist:${a.id}`,
  }));
  return {
    // The API keeps milliseconds; the export does not. The play is the same second.
    played_at: new Date(Date.parse(String(play['ts'])) + 417).toISOString(),
    context: null,
    track: {
      id: track.id,
      name: track.name,
      type: 'track',
      uri: `spotify:track:${track.id}`,
      duration_ms: TRACK_DURATION_MS,
      explicit: false,
      external_ids: { isrc: `QZ${track.id.slice(0, 10).toUpperCase()}` },
      artists,
      album: {
        id: `9${track.id.slice(1)}`,
        name: `${track.artist} LP`,
        album_type: 'album',
        release_date: '2024-05-17',
        release_date_precision: 'day',
        total_tracks: 10,
        artists: artists.slice(0, 1),
        images: [],
        type: 'album',
        uri: `spotify:album:9${track.id.slice(1)}`,
      },
      disc_number: 1,
      track_number: 1,
      is_local: false,
    },
  } as unknown as PlayHistory;
}

// ---- the pipeline ------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'correctness-'));
const files = {
  a1: join(dir, 'Streaming_History_Audio_2025_0.json'),
  a2: join(dir, 'endsong_1.json'),
  b: join(dir, 'Streaming_History_Audio_2025_1.json'),
};
let scratch: ScratchDatabase;
let db: Knex;
let kafkaAdmin: Admin;
let importer: StreamingHistoryImporter;

async function importAll(runId: string): Promise<FileImportOutcome[]> {
  return [
    await importer.importFile({ path: files.a1, userId: USER_A, runId }),
    await importer.importFile({ path: files.a2, userId: USER_A, runId }),
    await importer.importFile({ path: files.b, userId: USER_B, runId }),
  ];
}

/** The test's own topics, each standing in for a real one (whose name its raw keys get). */
const TEST_TOPICS: Record<'imported' | 'polled', TestTopic> = {
  imported: { name: topic, source: 'streaming-history' },
  polled: { name: apiTopic, source: 'recent-plays' },
};

/** Sends the polled copies to the recent-plays test topic as the producer would. */
async function producePolledCopies(): Promise<number> {
  const registry = createSchemaRegistry(config.schemaRegistry);
  await ensureTopics(kafkaAdmin, [{ ...sourceTopicSpec('recent-plays'), name: apiTopic }]);
  const schemaId = await registerValueSchema(registry, apiTopic, readSchema('recent-plays'));
  const now = new Date('2025-05-01T00:00:00Z');
  const messages = await Promise.all(
    POLLED_COPIES.map(async ({ user, play }) => ({
      key: user,
      value: await registry.encode(
        schemaId,
        mapPlay(
          apiPlay(play),
          { userId: user, runId: 'correctness-api', now },
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

async function martTotals(userId: string) {
  const monthly = await db('marts.listening_monthly')
    .where({ spotify_user_id: userId })
    .orderBy('year_month')
    .select('year_month', 'music_ms_played', 'music_streams', 'podcast_ms_played');
  const top = await db('marts.top_tracks_by_period')
    .where({ spotify_user_id: userId, period: 'all_time', rank: 1 })
    .first('spotify_track_id');
  const topArtists = await db('marts.top_artists_by_period')
    .where({ spotify_user_id: userId, period: 'all_time' })
    .orderBy('rank')
    .select('spotify_artist_id');
  const facts = await db('warehouse.fct_play as f')
    .join('warehouse.dim_user as u', 'u.user_key', 'f.user_key')
    .where('u.spotify_user_id', userId)
    .count<{ n: string }[]>('* as n');
  const podcasts = await db('marts.podcasts')
    .where({ spotify_user_id: userId })
    .select('show_name', 'ms_played');
  return {
    musicMs: monthly.reduce((n, m) => n + Number(m.music_ms_played), 0),
    musicStreams: monthly.reduce((n, m) => n + Number(m.music_streams), 0),
    trackPlaysInFacts: Number(facts[0]!.n),
    podcastMs: monthly.reduce((n, m) => n + Number(m.podcast_ms_played), 0),
    monthlyMusicMs: Object.fromEntries(
      monthly
        .filter((m) => Number(m.music_ms_played) > 0)
        .map((m) => [m.year_month, Number(m.music_ms_played)]),
    ),
    topTrackId: top?.spotify_track_id as string,
    topArtistIds: topArtists.map((row) => row.spotify_artist_id as string),
    podcasts: podcasts.map((p) => ({ show: p.show_name as string, ms: Number(p.ms_played) })),
  };
}

beforeAll(async () => {
  writeFileSync(files.a1, JSON.stringify(fileA1, null, 2));
  writeFileSync(files.a2, JSON.stringify(fileA2));
  writeFileSync(files.b, `\uFEFF${JSON.stringify(fileB)}`);
  scratch = await createScratchDatabase(config.warehouse, 'correctness');
  db = scratch.db;
  await pipeline.makeBuckets();
  kafkaAdmin = createKafka(config.kafka).admin();
  await kafkaAdmin.connect();
  importer = await openStreamingHistoryImporter({
    kafka: createKafka(config.kafka),
    registry: createSchemaRegistry(config.schemaRegistry),
    db,
    logger,
    topic,
    chunkElements: 4, // several chunks per file, each with its stored position
  });
}, 120_000);

afterAll(async () => {
  await importer?.close();
  await kafkaAdmin
    ?.deleteTopics({ topics: [topic, deadLetterTopicOf(topic), apiTopic] })
    .catch(() => undefined);
  await kafkaAdmin?.disconnect();
  await pipeline.cleanup();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('warehouse correctness: an export imported through the real pipeline', () => {
  it('gives the marts the totals computed from the fixture, and a second import changes nothing', async () => {
    const outcomes = await importAll('correctness-1');
    expect(outcomes.map((o) => [o.file, o.status, o.deadLettered])).toEqual([
      ['Streaming_History_Audio_2025_0.json', 'imported', 0],
      ['endsong_1.json', 'imported', 1],
      ['Streaming_History_Audio_2025_1.json', 'imported', 0],
    ]);
    const sent = outcomes.reduce((n, o) => n + o.records, 0);
    expect(sent).toBe(fileA1.length + fileA2.length - 1 + fileB.length);

    expect(await pipeline.landInRaw(TEST_TOPICS.imported, sent)).toBe(sent);
    const polledSent = await producePolledCopies();
    expect(await pipeline.landInRaw(TEST_TOPICS.polled, polledSent)).toBe(polledSent);
    expect(await pipeline.copyRawObjects()).toBeGreaterThan(0);
    const run = await runTransform(transformDeps(), { trigger: 'manual' });
    expect(run.status, JSON.stringify(run.quality?.blocked)).toBe('succeeded');
    expect(run.quality?.totals.rowsQuarantined).toBe(0);

    const expectedA = expectedFor([fileA1, fileA2]);
    const expectedB = expectedFor([fileB]);
    const a = await martTotals(USER_A);
    const b = await martTotals(USER_B);
    expect({ ...a, podcasts: undefined }).toEqual({ ...expectedA, podcasts: undefined });
    expect(a.podcasts).toEqual([{ show: EPISODE.show, ms: expectedA.podcastMs }]);
    expect({ ...b, podcasts: undefined }).toEqual({ ...expectedB, podcasts: undefined });
    // The incognito play is in the facts, not in the marts.
    expect(a.trackPlaysInFacts).toBe(
      (
        await db('marts.music_plays')
          .where({ spotify_user_id: USER_A })
          .count<{ n: string }[]>('* as n')
      ).map((r) => Number(r.n))[0]! + 1,
    );
    const dimTrack = await db('warehouse.dim_track')
      .where({ spotify_track_id: TRACKS.t1.id })
      .first('track_name', 'duration_ms');
    // The API's full track object wins over the export's name-only one.
    expect(dimTrack).toEqual({ track_name: TRACKS.t1.name, duration_ms: TRACK_DURATION_MS });
    // Each polled play met its imported twin: one fact row, the import's (it knows ms_played).
    const sources = await db('warehouse.fct_play')
      .groupBy('source')
      .select('source')
      .count<{ source: string; n: string }[]>('* as n');
    expect(sources.map((row) => [row.source, Number(row.n)])).toEqual([
      ['import', expectedA.trackPlaysInFacts + expectedB.trackPlaysInFacts],
    ]);
    const offsets = await kafkaAdmin.fetchTopicOffsets(topic);

    // The same files again: nothing is sent, nothing new lands, the warehouse is unchanged.
    const again = await importAll('correctness-2');
    expect(again.map((o) => [o.status, o.records])).toEqual([
      ['skipped', 0],
      ['skipped', 0],
      ['skipped', 0],
    ]);
    expect(await kafkaAdmin.fetchTopicOffsets(topic)).toEqual(offsets);
    const second = await runTransform(transformDeps(), { trigger: 'manual' });
    expect(second.status).toBe('nothing-new');
    expect(await martTotals(USER_A)).toEqual(a);
    expect(await martTotals(USER_B)).toEqual(b);
  }, 300_000);
});
