import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { encodeWireValues } from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import {
  avroType,
  readSchema,
  type RecentPlay,
  type StreamingHistoryPlay,
  type TopicSourceName,
} from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  valueSubject,
  type TopicSpec,
} from '@spotify-insights/streaming';
import {
  createLiveConsumer,
  LiveAggregator,
  replayPlays,
  type LiveConsumer,
} from '../../src/index.ts';

/* Runs against the real Kafka broker and schema registry of the local stack. */
const config = loadConfig();
const suffix = randomUUID().slice(0, 8);
const topic = (kind: string): TopicSpec => ({
  name: `it.live.${kind}.${suffix}`,
  partitions: 3,
  retentionMs: 86_400_000,
});
const recentTopic = topic('recent-plays');
const historyTopic = topic('streaming-history');
const replayTopic = topic('replay-plays');
const T0 = Date.parse('2026-11-21T12:00:00Z');

let kafka: Kafka;
let registry: SchemaRegistry;
const consumers: LiveConsumer[] = [];

function recentPlay(user: string, seconds: number, track: string, artists: string[]): RecentPlay {
  return {
    user_id: user,
    fetched_at: T0 + 3_600_000,
    endpoint: 'GET /me/player/recently-played',
    run_id: `it-${suffix}`,
    played_at: T0 + seconds * 1000,
    track_id: track,
    track_name: `Song ${track}`,
    duration_ms: 180_000,
    isrc: null,
    album_id: 'album1',
    artist_ids: artists.map((a) => `id-${a}`),
    context_type: null,
    context_uri: null,
    item_json: JSON.stringify({
      played_at: new Date(T0 + seconds * 1000).toISOString(),
      track: { id: track, artists: artists.map((name) => ({ id: `id-${name}`, name })) },
    }),
  };
}

function historyPlay(
  user: string,
  seconds: number,
  track: string | null,
  artist: string | null,
): StreamingHistoryPlay {
  return {
    user_id: user,
    fetched_at: T0 + 7_200_000,
    endpoint: 'import Streaming_History_Audio_2026.json',
    run_id: `it-${suffix}`,
    ts: T0 + seconds * 1000,
    ms_played: 170_000,
    track_id: track,
    track_name: track ? `Song ${track}` : null,
    artist_name: artist,
    album_name: null,
    episode_id: track ? null : 'episode1',
    episode_name: track ? null : 'An episode',
    show_name: track ? null : 'A show',
    platform: null,
    conn_country: null,
    reason_start: null,
    reason_end: null,
    shuffle: null,
    skipped: null,
    offline: null,
    incognito_mode: null,
    item_json: '{}',
  };
}

async function publish(spec: TopicSpec, source: TopicSourceName, records: object[]) {
  const schemaId = await registerValueSchema(registry, spec.name, readSchema(source));
  const values = encodeWireValues(avroType(source), schemaId, records);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: spec.name,
      acks: -1,
      messages: records.map((r, i) => ({
        key: (r as { user_id: string }).user_id,
        value: values[i]!,
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** Ties rank in arrival order, which topics and partitions do not fix: compare by plays, then id. */
const settled = <T extends { plays: number; trackId: string }>(songs: T[]) =>
  [...songs].sort((a, b) => b.plays - a.plays || a.trackId.localeCompare(b.trackId));

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  kafka = createKafka(config.kafka);
  registry = createSchemaRegistry(config.schemaRegistry);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [recentTopic, historyTopic, replayTopic]);
  } finally {
    await admin.disconnect();
  }
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: [recentTopic.name, historyTopic.name, replayTopic.name] })
    .catch(() => undefined);
  await admin.disconnect();
  for (const spec of [recentTopic, historyTopic, replayTopic]) {
    const url = `${config.schemaRegistry.url}/subjects/${encodeURIComponent(valueSubject(spec.name))}`;
    await fetch(url, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
  }
});

describe('live consumer on the real stack', () => {
  it('ranks API plays, imports and replays together, each play once', async () => {
    // API plays: artists from the item; one polled twice.
    await publish(recentTopic, 'recent-plays', [
      recentPlay('ana', 0, 't1', ['Alpha', 'Beta']),
      recentPlay('ana', 200, 't2', ['Alpha']),
      recentPlay('ana', 200, 't2', ['Alpha']),
    ]);
    // Imports: the album artist's name; one is the API's play again (same second),
    // one a podcast episode (not ranked).
    await publish(historyTopic, 'streaming-history', [
      { ...historyPlay('ana', 0, 't1', 'Alpha'), ts: T0 + 700 },
      historyPlay('ana', 400, 't1', 'Alpha'),
      historyPlay('ben', 100, 't3', 'Gamma'),
      historyPlay('ben', 150, null, null),
    ]);

    // Not in the wire format: counted as undecodable, the rest goes on.
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    await producer.send({
      topic: historyTopic.name,
      acks: -1,
      messages: [{ key: 'ana', value: 'not avro' }],
    });
    await producer.disconnect();

    const aggregator = new LiveAggregator();
    const consumer = createLiveConsumer({
      kafka,
      registry,
      aggregator,
      logger: createLogger('live-it', { level: 'error', write: () => {} }),
      topics: [recentTopic, historyTopic, replayTopic],
      groupId: `it-live.${suffix}`,
    });
    consumers.push(consumer);
    await consumer.start();
    await until(() => consumer.stats.records === 8, 'the 8 records');
    expect(consumer.stats).toEqual({
      records: 8,
      counted: 4,
      duplicates: 2,
      skipped: 1,
      undecodable: 1,
    });
    expect(settled(aggregator.topSongs({ window: 'all', limit: 5 }))).toEqual([
      { trackId: 't1', trackName: 'Song t1', artists: ['Alpha', 'Beta'], plays: 2 },
      { trackId: 't2', trackName: 'Song t2', artists: ['Alpha'], plays: 1 },
      { trackId: 't3', trackName: 'Song t3', artists: ['Gamma'], plays: 1 },
    ]);
    // The play at 0 s came twice (API and import) and counts once, with the artists of
    // the copy that arrived first: Alpha either way, Beta only if the API's was first.
    const artists = aggregator.topArtists({ window: 'all', limit: 5, userId: 'ana' });
    expect(artists[0]).toEqual({ name: 'Alpha', artistId: 'id-Alpha', plays: 3 });
    expect(artists.slice(1)).toEqual(
      artists.length > 1 ? [{ name: 'Beta', artistId: 'id-Beta', plays: 1 }] : [],
    );
    // ana's 5-minute window ends at her latest play (400 s): 0 s is out, 200 s is in.
    expect(settled(aggregator.topSongs({ window: '5m', limit: 5, userId: 'ana' }))).toEqual([
      expect.objectContaining({ trackId: 't1', plays: 1 }),
      expect.objectContaining({ trackId: 't2', plays: 1 }),
    ]);

    // A replay of a history, paced in event time: new plays move the ranking, plays
    // already seen (imported before) do not count again.
    const replayed = [
      historyPlay('ana', 400, 't1', 'Alpha'), // already imported
      historyPlay('ana', 401, 't4', 'Delta'),
      historyPlay('ana', 403, 't4', 'Delta'),
      historyPlay('ana', 405, 't4', 'Delta'),
    ];
    const batches: number[][] = [];
    const outcome = await replayPlays({
      kafka,
      registry,
      plays: replayed,
      speed: 20, // 5 s of event time in 0.25 s
      topic: replayTopic,
      onSent: (plays) => batches.push(plays.map((p) => p.ts)),
    });
    expect(outcome).toMatchObject({ sent: 4, aborted: false });
    expect(outcome.seconds).toBeGreaterThanOrEqual(0.24);
    expect(batches.flat()).toEqual(replayed.map((p) => p.ts));
    await until(() => consumer.stats.records === 12, 'the replayed records');
    expect(consumer.stats).toMatchObject({ counted: 7, duplicates: 3 });
    expect(aggregator.topSongs({ window: '5m', limit: 1, userId: 'ana' })).toEqual([
      expect.objectContaining({ trackId: 't4', plays: 3 }),
    ]);
  });
});
