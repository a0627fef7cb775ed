import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient, LAKE_BUCKETS, toNdjson } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { readSchema } from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { manifestKey, readRawLines, writeManifest } from '../../src/index.ts';
import { landInRaw } from './support/land-in-raw.ts';
import { recentPlay } from './support/recent-play.ts';

/* Real Kafka, schema registry and MinIO: the consumer runtime lands a topic in raw. */
const config = loadConfig();
const logger = createLogger('raw-consumer-test', { level: 'warn' });
let kafka: Kafka;
let lake: Client;
const registry = createSchemaRegistry(config.schemaRegistry);

beforeAll(() => {
  kafka = createKafka(config.kafka);
  lake = createLakeClient(config.lake);
});

const users = ['alice', 'bob', 'carol'];
async function freshTopic(): Promise<{ spec: TopicSpec; schemaId: number }> {
  const spec: TopicSpec = {
    name: `it.raw.${randomUUID().slice(0, 8)}`,
    partitions: 3,
    retentionMs: 86_400_000,
  };
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [spec]);
  await admin.disconnect();
  return {
    spec,
    schemaId: await registerValueSchema(registry, spec.name, readSchema('recent-plays')),
  };
}

async function produce(topic: string, messages: Array<{ key: string; value: Buffer }>) {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
}

const rawLines = (topic: string) => readRawLines(lake, topic);

/** Runs the consumer until `expected` records are committed, then stops it. */
const landAll = (spec: TopicSpec, groupId: string, expected: number) =>
  landInRaw(
    {
      kafka,
      registry,
      lake,
      topic: spec,
      groupId,
      logger,
      batch: { maxRecords: 40, maxWaitMs: 200 },
    },
    expected,
  );

const cleanups: string[] = [];
afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: cleanups.flatMap((t) => [t, `${t}.dlq`]) })
    .catch(() => undefined);
  await admin.disconnect();
});

describe('raw consumer runtime (real Kafka, registry, MinIO)', () => {
  it('lands every record exactly once, one object per user and day, never one per message', async () => {
    const { spec, schemaId } = await freshTopic();
    cleanups.push(spec.name);
    const messages = await Promise.all(
      users.flatMap((user) =>
        Array.from({ length: 100 }, async (_, i) => ({
          key: user,
          value: await registry.encode(schemaId, recentPlay(user, i)),
        })),
      ),
    );
    await produce(spec.name, messages);
    await landAll(spec, `it-${spec.name}`, 300);

    const lines = await rawLines(spec.name);
    expect(lines).toHaveLength(300);
    const positions = new Set(
      lines.map(({ line }) => `${line.envelope.partition}:${line.envelope.offset}`),
    );
    expect(positions.size).toBe(300);
    for (const { key, line } of lines) {
      expect(key).toContain(`/user_id=${line.envelope.user_id}/`);
      expect(key).toContain(
        `/date=${new Date(line.envelope.fetched_at).toISOString().slice(0, 10)}/`,
      );
      expect(line.item).toMatchObject({ track: { id: line.fields.track_id } });
    }
    const objects = new Set(lines.map((l) => l.key));
    expect(objects.size).toBeLessThan(60);
    const perObject = [...objects].map((k) => lines.filter((l) => l.key === k).length);
    expect(Math.max(...perObject)).toBeLessThanOrEqual(40);
  });

  it('after a crash between writing and committing, removes the orphaned objects and lands each record once', async () => {
    const { spec, schemaId } = await freshTopic();
    cleanups.push(spec.name);
    const groupId = `it-${spec.name}`;
    const messages = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => ({
        key: 'alice',
        value: await registry.encode(schemaId, recentPlay('alice', i)),
      })),
    );
    await produce(spec.name, messages);
    const admin = kafka.admin();
    await admin.connect();
    const partition = (await admin.fetchTopicOffsets(spec.name)).find(
      (p) => p.high !== '0',
    )!.partition;
    await admin.disconnect();

    // What a consumer killed after its writes but before its commit leaves behind:
    // a manifest and an object covering offsets 0-19 of that partition.
    const orphan = `${spec.name}/user_id=alice/date=2026-11-21/${partition}-0-19.ndjson`;
    await lake.putObject(
      LAKE_BUCKETS.raw,
      orphan,
      toNdjson([{ envelope: { offset: '0' }, stale: true }]),
    );
    await writeManifest(lake, groupId, {
      topic: spec.name,
      partition,
      firstOffset: '0',
      lastOffset: '19',
      keys: [orphan],
      writtenAt: new Date().toISOString(),
    });

    await landAll(spec, groupId, 30);

    const lines = await rawLines(spec.name);
    expect(lines.some(({ line }) => (line as unknown as { stale?: boolean }).stale)).toBe(false);
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map(({ line }) => line.envelope.offset)).size).toBe(30);
    // Everything is committed: no manifest is left, so nothing reads as pending.
    await expect(
      lake.statObject(LAKE_BUCKETS.raw, manifestKey(groupId, spec.name, partition)),
    ).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('sends undecodable records to the dead-letter topic with the reason, and lands the rest', async () => {
    const { spec, schemaId } = await freshTopic();
    cleanups.push(spec.name);
    const good = await registry.encode(schemaId, recentPlay('bob', 1));
    const unknownSchema = Buffer.from(good);
    unknownSchema.writeInt32BE(999_999, 1);
    // valid Avro of the registered schema, but its item is not JSON: its raw object
    // would be unreadable, and failing the chunk would stall the partition
    const brokenItem = await registry.encode(schemaId, {
      ...recentPlay('bob', 2),
      item_json: '{"played_at": "2026-11-20T10:00:00Z", "track": {',
    });
    // JSON over several lines: the line gets it on one
    const multiLine = await registry.encode(schemaId, {
      ...recentPlay('bob', 3),
      item_json: JSON.stringify({ played_at: 'x', track: { id: 't3' } }, null, 2),
    });
    await produce(spec.name, [
      { key: 'bob', value: good },
      { key: 'bob', value: Buffer.from('{"not":"avro"}') },
      { key: 'bob', value: unknownSchema },
      { key: 'bob', value: brokenItem },
      { key: 'bob', value: multiLine },
    ]);
    await landAll(spec, `it-${spec.name}`, 2);

    const dlq = kafka.consumer({ groupId: `it-dlq-${spec.name}` });
    await dlq.connect();
    await dlq.subscribe({ topic: `${spec.name}.dlq`, fromBeginning: true });
    const reasons: string[] = [];
    await new Promise<void>((resolve) => {
      void dlq.run({
        eachMessage: async ({ message }) => {
          reasons.push(String(message.headers?.dlq_reason));
          if (reasons.length === 3) resolve();
        },
      });
    });
    await dlq.disconnect();
    expect(reasons).toHaveLength(3);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/schema id 999999 is not in the registry/),
        expect.stringMatching(/Confluent wire format/),
        expect.stringMatching(/^item_json is not JSON/),
      ]),
    );
    const lines = await rawLines(spec.name);
    expect(lines.map(({ line }) => line.item)).toEqual([
      JSON.parse(recentPlay('bob', 1).item_json as string),
      { played_at: 'x', track: { id: 't3' } },
    ]);
  });
});
