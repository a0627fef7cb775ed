import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRawConsumer,
  deadLetterTopicOf,
  readRawLines,
  RenewableProducer,
  runProducerCycle,
  type CheckpointStore,
  type ProducerCycleDeps,
  type ProducibleSource,
  type UserOutcome,
} from '@spotify-insights/ingestion';
import { createLakeClient, LAKE_BUCKETS, listObjectKeys } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { readSchema, type RecentPlay } from '@spotify-insights/schemas';
import type { SpotifyClient } from '@spotify-insights/spotify';
import {
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  valueSubject,
  type TopicSpec,
} from '@spotify-insights/streaming';
import {
  createDedicatedKafkaBroker,
  type DedicatedKafkaBroker,
} from './support/dedicated-kafka-broker.ts';
import { readTopic } from './support/read-topic.ts';

/*
 * The Kafka broker goes down while producers run, and comes back on the same data.
 *
 * The shared stack's broker must stay up, so this test runs its own (the stack's Kafka
 * service on other ports and a temporary folder). Producers poll a synthetic source the
 * way a producer app polls Spotify: each cycle sends every user's next batch through
 * the real producer runtime (runProducerCycle: idempotent producer, acks from all
 * replicas, checkpoint only after the acknowledgement), one producer across cycles. The
 * raw consumer runs against the same broker throughout. A third of the way in, the broker
 * is stopped (a controlled SIGTERM, or SIGKILL), and started again a few seconds later.
 *
 * "Nothing lost" means, precisely:
 *  - every record the source produced for every user (all 20 × 250) is in the topic:
 *    a send that failed while the broker was away left the user's checkpoint where it
 *    was, and a later cycle sent those records again;
 *  - a record is in the topic more than once only if its user's cycle failed: a batch
 *    the broker wrote just before it died, whose acknowledgement never came, is sent
 *    again by a new producer (after a failed send the runtime replaces the producer, so
 *    the broker cannot take a new batch for a duplicate of a lost one — the way kafkajs
 *    lost plays before). Such copies are the same play: the transform keeps one row per
 *    (user, played_at, track);
 *  - every record of the topic is in raw exactly once (one line per partition and
 *    offset): raw holds exactly what the topic holds;
 *  - while the broker is away a user's cycle ends `failed` (never another status, and
 *    never a silent `ok`: that would have moved the checkpoint past unsent records).
 */
const USERS = Array.from({ length: 20 }, (_, i) => `broker-user-${i}`);
const PER_USER = 250;
const BATCH = 25;
const TOTAL = USERS.length * PER_USER;
const PLAYED_FROM = Date.parse('2026-11-20T00:00:00Z');

let broker: DedicatedKafkaBroker;
let kafka: Kafka;
let lake: Client;
const logLines: string[] = [];
const logger = createLogger('broker-restart-test', {
  level: 'warn',
  write: (line) => void logLines.push(line),
});
/** The end of what producers and consumer logged, to read when an assertion fails. */
const recentLog = () => logLines.slice(-20).join('');
const created: Array<{ topic: string; groupId: string }> = [];

function play(userId: string, seq: number, runId: string, now: Date): RecentPlay {
  const trackId = `track-${seq}`;
  return {
    user_id: userId,
    fetched_at: now.getTime(),
    endpoint: 'GET /me/player/recently-played',
    run_id: runId,
    played_at: PLAYED_FROM + seq * 1000,
    track_id: trackId,
    track_name: `Track ${seq}`,
    duration_ms: 180_000,
    isrc: null,
    album_id: 'album-1',
    artist_ids: ['artist-1'],
    context_type: null,
    context_uri: null,
    item_json: JSON.stringify({ seq, track: { id: trackId } }),
  };
}

/** Each user's plays in batches of BATCH; the checkpoint is the next sequence number. */
const syntheticPlays: ProducibleSource = {
  name: 'recent-plays',
  endpoint: 'GET /me/player/recently-played',
  schemaName: 'recent-plays',
  defaultIntervalMs: 0,
  async fetch({ userId, checkpoint, runId, now }) {
    const next = (checkpoint as { next: number } | undefined)?.next ?? 0;
    const count = Math.min(BATCH, PER_USER - next);
    const records = Array.from({ length: count }, (_, i) => play(userId, next + i, runId, now));
    return { records, checkpoint: { next: next + count } };
  },
};

/** Checkpoints kept by the test, so it can watch how far each user got. */
function memoryCheckpoints(): CheckpointStore & { sent(): number; done(user: string): boolean } {
  const next = new Map<string, number>();
  return {
    async get<T>(_source: string, userId: string) {
      return (next.has(userId) ? { next: next.get(userId) } : undefined) as T | undefined;
    },
    async set(_source, userId, checkpoint) {
      next.set(userId, (checkpoint as { next: number }).next);
    },
    sent: () => [...next.values()].reduce((n, v) => n + v, 0),
    done: (userId) => next.get(userId) === PER_USER,
  };
}

/** Raw's expectation: `user|seq` of every record, sorted. */
const expected = USERS.flatMap((u) => Array.from({ length: PER_USER }, (_, s) => `${u}|${s}`));
expected.sort();
const seqOf = (itemJson: unknown) => (JSON.parse(String(itemJson)) as { seq: number }).seq;

/**
 * What a producer app in poll mode does: cycle after cycle with one producer, each user
 * sending their next batch, until every user has sent everything (or four minutes pass).
 */
async function pollUntilAllSent(
  deps: Pick<ProducerCycleDeps, 'registry' | 'schemaId' | 'topic'> & {
    checkpoints: ReturnType<typeof memoryCheckpoints>;
  },
  runPrefix: string,
  outcomes: UserOutcome[],
): Promise<void> {
  // As the producer apps do: a producer that failed to send is replaced by a new one.
  const producer = await RenewableProducer.connect(kafka);
  try {
    const deadline = Date.now() + 240_000;
    for (let cycle = 1; USERS.some((u) => !deps.checkpoints.done(u)); cycle++) {
      if (Date.now() > deadline) throw new Error('producers unfinished after 240 s');
      const cycleOutcomes = await runProducerCycle({
        ...deps,
        source: syntheticPlays,
        // The synthetic source never calls Spotify.
        client: undefined as unknown as SpotifyClient,
        producer,
        users: USERS.filter((u) => !deps.checkpoints.done(u)),
        runId: `${runPrefix}-cycle-${cycle}`,
        logger,
      });
      outcomes.push(...cycleOutcomes);
      await sleep(100); // the poll interval, short
    }
  } finally {
    await producer.disconnect();
  }
}

async function committedTotal(groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return offsets!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  broker = await createDedicatedKafkaBroker();
  await broker.start();
  kafka = createKafka(broker.config.kafka, logger);
  lake = createLakeClient(broker.config.lake);
}, 180_000);

afterAll(async () => {
  await broker?.remove();
  for (const { topic, groupId } of created) {
    const url = `${broker.config.schemaRegistry.url}/subjects/${valueSubject(topic)}`;
    await fetch(url, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
    const keys = [
      ...(await listObjectKeys(lake, LAKE_BUCKETS.raw, `${topic}/`)),
      ...(await listObjectKeys(
        lake,
        LAKE_BUCKETS.raw,
        `_control/pending/${encodeURIComponent(groupId)}/`,
      )),
    ];
    await lake.removeObjects(LAKE_BUCKETS.raw, keys);
  }
}, 120_000);

describe('the Kafka broker stops and restarts while producers run', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'after %s, no record is lost, and raw holds the topic exactly once',
    async (signal) => {
      const spec: TopicSpec = {
        name: `it.broker.${randomUUID().slice(0, 8)}`,
        partitions: 3,
        retentionMs: 86_400_000,
      };
      const groupId = `it-broker-${spec.name}`;
      created.push({ topic: spec.name, groupId });
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [
        spec,
        { name: deadLetterTopicOf(spec.name), partitions: 1, retentionMs: -1 },
      ]);
      await admin.disconnect();
      const registry = createSchemaRegistry(broker.config.schemaRegistry);
      const schemaId = await registerValueSchema(registry, spec.name, readSchema('recent-plays'));

      const consumer = createRawConsumer({
        kafka,
        registry,
        lake,
        topic: spec,
        groupId,
        logger,
        batch: { maxRecords: 500, maxWaitMs: 200 },
      });
      await consumer.start();
      const checkpoints = memoryCheckpoints();
      const outcomes: UserOutcome[] = [];
      let sentAtStop = 0;
      try {
        const producing = pollUntilAllSent(
          { registry, schemaId, checkpoints, topic: spec.name },
          signal,
          outcomes,
        );

        // A third of the way in: the broker goes down, and comes back a few seconds later.
        let producersEnded = false;
        void producing.finally(() => (producersEnded = true)).catch(() => undefined);
        while (checkpoints.sent() < TOTAL / 3 && !producersEnded) await sleep(20);
        sentAtStop = checkpoints.sent();
        await broker.stop(signal);
        await sleep(3000);
        await broker.start();
        await producing;

        const deadline = Date.now() + 120_000;
        while ((await committedTotal(groupId, spec.name)) < TOTAL && Date.now() < deadline)
          await sleep(500);
      } finally {
        await consumer.stop();
      }

      expect(sentAtStop, 'the broker went down mid-way').toBeLessThan(TOTAL);
      for (const outcome of outcomes) expect(['ok', 'failed']).toContain(outcome.status);

      const inTopic = (await readTopic(kafka, registry, spec.name))
        .map((r) => `${String(r.value.user_id)}|${seqOf(r.value.item_json)}`)
        .sort();
      // Nothing lost: every produced record is in the topic.
      expect([...new Set(inTopic)].sort(), recentLog()).toEqual(expected);
      // A copy only for a user whose cycle failed (a batch written, its ack lost).
      const failedUsers = new Set(
        outcomes.filter((o) => o.status === 'failed').map((o) => o.userId),
      );
      const copies = inTopic.filter((key, i) => i > 0 && inTopic[i - 1] === key);
      for (const key of copies) expect(failedUsers).toContain(key.split('|')[0]);

      const lines = (await readRawLines(lake, spec.name)).map(({ line }) => line);
      const positions = new Set(lines.map((l) => `${l.envelope.partition}:${l.envelope.offset}`));
      expect(positions.size).toBe(lines.length);
      const inRaw = lines.map((l) => `${l.envelope.user_id}|${(l.item as { seq: number }).seq}`);
      expect(inRaw.sort()).toEqual(inTopic);
    },
    300_000,
  );
});
