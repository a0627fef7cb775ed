import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient, LAKE_BUCKETS, listObjectKeys } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { ENVELOPE_FIELDS, readSchema } from '@spotify-insights/schemas';
import type { SpotifyClient } from '@spotify-insights/spotify';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  StreamingError,
  valueSubject,
  type TopicSpec,
} from '@spotify-insights/streaming';
import {
  deadLetterTopicOf,
  readRawLines,
  runProducerCycle,
  type ProducibleSource,
} from '../../src/index.ts';
import { landInRaw } from './support/land-in-raw.ts';
import { recentPlay } from './support/recent-play.ts';

/*
 * A schema evolves, end to end: producer runtime → Kafka → raw consumer → raw bucket.
 *
 * On a topic of its own: v1 (schemas/recent-plays.avsc) is registered and records are
 * sent with it through runProducerCycle. Then v2 = v1 + one optional field (a union with
 * null, default null) is "deployed" — written as recent-plays.avsc into a folder of the
 * test's own, which the source definition names — registered (accepted: BACKWARD) and
 * records carrying the new field are sent with it. The raw consumer lands both: the v2
 * lines carry the field, the v1 lines read exactly as they were sent (no field added).
 * Then v3 adds a required field without a default: the registry refuses it at
 * registration with SCHEMA_INCOMPATIBLE naming the subject, so a producer starting with
 * it never sends anything (the registry-level rules themselves are tested in
 * libs/streaming's schema-registry test).
 */
const config = loadConfig();
const registry = createSchemaRegistry(config.schemaRegistry);
const logger = createLogger('schema-evolution-test', { level: 'warn' });
const spec: TopicSpec = {
  name: `it.evolution.${randomUUID().slice(0, 8)}`,
  partitions: 3,
  retentionMs: 86_400_000,
};
const groupId = `it-evolution-${spec.name}`;
const users = ['alice', 'bob'];
const PER_USER = 10;

type RecordSchema = { fields: Array<Record<string, unknown>> } & Record<string, unknown>;
const v1 = readSchema('recent-plays') as RecordSchema;
const v2: RecordSchema = {
  ...v1,
  fields: [
    ...v1.fields,
    { name: 'shuffle', type: ['null', 'boolean'], default: null, doc: 'Added in v2.' },
  ],
};
const v3: RecordSchema = {
  ...v2,
  fields: [...v2.fields, { name: 'device_id', type: 'string' }],
};

let kafka: Kafka;
let lake: Client;

/** The recent-plays source as a producer app runs it, with `records` as Spotify's answer. */
function playsSource(records: Array<Record<string, unknown>>): ProducibleSource {
  return {
    name: 'recent-plays',
    endpoint: 'GET /me/player/recently-played',
    schemaName: 'recent-plays',
    defaultIntervalMs: 0,
    fetch: async ({ userId }) => ({
      records: records.filter((r) => r.user_id === userId),
      checkpoint: undefined,
    }),
  };
}

/** One cycle; `valueSchema` is the deployed schema when it is not schemas/recent-plays.avsc. */
async function produceCycle(
  source: ProducibleSource,
  schemaId: number,
  runId: string,
  valueSchema?: RecordSchema,
) {
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    return await runProducerCycle({
      source,
      // The source answers by itself; Spotify is never called.
      client: undefined as unknown as SpotifyClient,
      producer,
      registry,
      schemaId,
      valueSchema,
      checkpoints: { get: async () => undefined, set: async () => undefined },
      users,
      runId,
      logger,
      topic: spec.name,
    });
  } finally {
    await producer.disconnect();
  }
}

async function recordsInTopic(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(spec.name);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

const withoutEnvelope = (record: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(record).filter(([k]) => !(ENVELOPE_FIELDS as readonly string[]).includes(k)),
  );

beforeAll(async () => {
  kafka = createKafka(config.kafka);
  lake = createLakeClient(config.lake);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    spec,
    { name: deadLetterTopicOf(spec.name), partitions: 1, retentionMs: 86_400_000 },
  ]);
  await admin.disconnect();
});

afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: [spec.name, deadLetterTopicOf(spec.name)] })
    .catch(() => undefined);
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
  const subject = `${config.schemaRegistry.url}/subjects/${valueSubject(spec.name)}`;
  await fetch(subject, { method: 'DELETE' }).catch(() => undefined);
  await fetch(`${subject}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
  const keys = [
    ...(await listObjectKeys(lake, LAKE_BUCKETS.raw, `${spec.name}/`)),
    ...(await listObjectKeys(
      lake,
      LAKE_BUCKETS.raw,
      `_control/pending/${encodeURIComponent(groupId)}/`,
    )),
  ];
  await lake.removeObjects(LAKE_BUCKETS.raw, keys);
});

describe('schema evolution through the producer runtime, Kafka and the raw consumer', () => {
  it('lands v1 and v2 records side by side, and refuses an incompatible v3 before sending', async () => {
    const v1Records = users.flatMap((u) =>
      Array.from({ length: PER_USER }, (_, i) => ({ ...recentPlay(u, i) })),
    );
    const v1Id = await registerValueSchema(registry, spec.name, v1);
    const v1Outcomes = await produceCycle(playsSource(v1Records), v1Id, 'v1');
    expect(v1Outcomes.map((o) => [o.status, o.sent])).toEqual(users.map(() => ['ok', PER_USER]));

    // v2 deployed: the edited schema, registered by the producer at start.
    const v2Id = await registerValueSchema(registry, spec.name, v2);
    expect(v2Id).not.toBe(v1Id);
    const v2Records = users.flatMap((u) =>
      Array.from({ length: PER_USER }, (_, i) => ({
        ...recentPlay(u, PER_USER + i),
        shuffle: i % 2 === 0,
      })),
    );
    const v2Outcomes = await produceCycle(playsSource(v2Records), v2Id, 'v2', v2);
    expect(v2Outcomes.map((o) => [o.status, o.sent])).toEqual(users.map(() => ['ok', PER_USER]));

    await landInRaw(
      { kafka, registry, lake, topic: spec, groupId, logger, batch: { maxWaitMs: 200 } },
      v1Records.length + v2Records.length,
    );
    const lines = (await readRawLines(lake, spec.name)).map(({ line }) => line);
    expect(lines).toHaveLength(v1Records.length + v2Records.length);
    const byTrack = (rs: Array<Record<string, unknown>>) =>
      [...rs].sort((a, b) =>
        `${a.user_id}${a.track_id}`.localeCompare(`${b.user_id}${b.track_id}`),
      );
    const landed = (schemaId: number) =>
      byTrack(
        lines
          .filter((l) => l.envelope.schema_id === schemaId)
          .map((l) => ({ user_id: l.envelope.user_id, ...l.fields })),
      );
    const sent = (records: Array<Record<string, unknown>>) =>
      byTrack(records.map((r) => ({ user_id: r.user_id, ...withoutEnvelope(r) })));
    // v1 lines read exactly as sent: no `shuffle`, not even as null.
    expect(landed(v1Id)).toEqual(sent(v1Records));
    // v2 lines carry the new field as sent.
    expect(landed(v2Id)).toEqual(sent(v2Records));
    for (const line of lines)
      expect(line.item).toMatchObject({ track: { id: line.fields.track_id } });

    // v3: a required field without a default. A producer registers at start; it stops there.
    const before = await recordsInTopic();
    const startWithV3 = async () => {
      const v3Id = await registerValueSchema(registry, spec.name, v3);
      await produceCycle(playsSource(v2Records), v3Id, 'v3', v3);
    };
    const refused = await startWithV3().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StreamingError);
    expect(refused).toMatchObject({
      code: 'SCHEMA_INCOMPATIBLE',
      canRetry: false,
      details: { subject: valueSubject(spec.name) },
    });
    expect((refused as Error).message).toContain(`schema for ${valueSubject(spec.name)}`);
    expect(await recordsInTopic()).toBe(before);
    const versions = await fetch(
      `${config.schemaRegistry.url}/subjects/${valueSubject(spec.name)}/versions`,
    );
    expect(await versions.json()).toHaveLength(2);
  }, 120_000);
});
