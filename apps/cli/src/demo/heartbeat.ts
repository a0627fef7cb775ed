import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { Knex } from 'knex';
import type { Client } from 'minio';
import {
  LAKE_BUCKETS,
  fromNdjson,
  rawObjectKey,
  readObjectText,
  toNdjson,
} from '@spotify-insights/lake';
import { readSchema, type Heartbeat } from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  ensureTopics,
  registerValueSchema,
  type TopicSpec,
} from '@spotify-insights/streaming';

/*
 * The heartbeat: one record pushed through every layer that exists, so a fresh install
 * proves itself end to end (topic → consumer group → raw bucket → warehouse table).
 */

export const HEARTBEAT_TOPIC: TopicSpec = {
  name: 'pipeline.heartbeat.v1',
  partitions: 1,
  retentionMs: 7 * 86_400_000,
};
const PIPELINE_USER = '_pipeline';

/** A raw NDJSON line: where the record sat in Kafka, and the record itself. */
interface RawLine {
  kafka: { topic: string; partition: number; offset: string };
  record: Heartbeat;
}

export interface HeartbeatResult {
  heartbeatId: string;
  partition: number;
  offset: string;
  objectKey: string;
  schemaId: number;
}

export interface HeartbeatDeps {
  kafka: Kafka;
  registry: SchemaRegistry;
  lake: Client;
  db: Knex;
  runId: string;
  progress: (message: string) => void;
}

async function emit(deps: HeartbeatDeps, schemaId: number): Promise<Heartbeat> {
  const heartbeat: Heartbeat = {
    heartbeat_id: randomUUID(),
    run_id: deps.runId,
    emitted_at: Date.now(),
    host: hostname(),
  };
  const producer = createIdempotentProducer(deps.kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: HEARTBEAT_TOPIC.name,
      acks: -1,
      messages: [
        {
          key: PIPELINE_USER,
          value: await deps.registry.encode(schemaId, heartbeat),
          headers: { run_id: deps.runId },
        },
      ],
    });
  } finally {
    await producer.disconnect();
  }
  return heartbeat;
}

/** Consumes until our heartbeat shows up, lands it in raw, and commits only after the write. */
async function land(
  deps: HeartbeatDeps,
  heartbeatId: string,
): Promise<Omit<HeartbeatResult, 'schemaId'>> {
  const consumer = deps.kafka.consumer({ groupId: 'pipeline-heartbeat-lander' });
  await consumer.connect();
  await consumer.subscribe({ topic: HEARTBEAT_TOPIC.name, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the heartbeat did not arrive within 60 s')),
        60_000,
      );
      void consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (batch.messages.length === 0) return;
            const records = await Promise.all(
              batch.messages.map(async (m) => ({
                offset: m.offset,
                value: (await deps.registry.decode(m.value!)) as Heartbeat,
              })),
            );
            const objectKey = rawObjectKey({
              topic: batch.topic,
              userId: PIPELINE_USER,
              date: new Date(),
              partition: batch.partition,
              firstOffset: batch.firstOffset()!,
              lastOffset: batch.lastOffset(),
            });
            const lines: RawLine[] = records.map((r) => ({
              kafka: { topic: batch.topic, partition: batch.partition, offset: r.offset },
              record: r.value,
            }));
            await deps.lake.putObject(LAKE_BUCKETS.raw, objectKey, toNdjson(lines), undefined, {
              'Content-Type': 'application/x-ndjson',
            });
            const next = (BigInt(batch.lastOffset()) + 1n).toString();
            await consumer.commitOffsets([
              { topic: batch.topic, partition: batch.partition, offset: next },
            ]);
            const ours = records.find((r) => r.value.heartbeat_id === heartbeatId);
            if (ours) {
              clearTimeout(timer);
              resolve({ heartbeatId, partition: batch.partition, offset: ours.offset, objectKey });
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Reads the raw object back and loads it; loading the same object twice adds nothing. */
async function load(deps: HeartbeatDeps, landed: Omit<HeartbeatResult, 'schemaId'>): Promise<void> {
  const lines = fromNdjson<RawLine>(
    await readObjectText(deps.lake, LAKE_BUCKETS.raw, landed.objectKey),
  );
  await deps
    .db('app.pipeline_heartbeats')
    .insert(
      lines.map(({ kafka, record }) => ({
        heartbeat_id: record.heartbeat_id,
        run_id: record.run_id,
        emitted_at: new Date(record.emitted_at),
        topic: kafka.topic,
        kafka_partition: kafka.partition,
        kafka_offset: kafka.offset,
        raw_object_key: landed.objectKey,
      })),
    )
    .onConflict('heartbeat_id')
    .ignore();
}

export async function runHeartbeat(deps: HeartbeatDeps): Promise<HeartbeatResult> {
  const admin = deps.kafka.admin();
  await admin.connect();
  try {
    if ((await ensureTopics(admin, [HEARTBEAT_TOPIC])).length > 0)
      deps.progress(`created topic ${HEARTBEAT_TOPIC.name}`);
  } finally {
    await admin.disconnect();
  }
  const schemaId = await registerValueSchema(
    deps.registry,
    HEARTBEAT_TOPIC.name,
    readSchema('heartbeat'),
  );
  deps.progress(`schema ${HEARTBEAT_TOPIC.name}-value registered (id ${schemaId})`);
  const heartbeat = await emit(deps, schemaId);
  deps.progress(`heartbeat ${heartbeat.heartbeat_id} produced`);
  const landed = await land(deps, heartbeat.heartbeat_id);
  deps.progress(`landed in raw/${landed.objectKey}`);
  await load(deps, landed);
  deps.progress('loaded into app.pipeline_heartbeats');
  return { ...landed, schemaId };
}
