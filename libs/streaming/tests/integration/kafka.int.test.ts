import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, type Admin, type Consumer, type Kafka, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  createIdempotentProducer,
  consumerGroupLag,
  createKafka,
  ensureTopics,
  StreamingError,
  type TopicSpec,
} from '../../src/index.ts';

/* Runs against the real Kafka broker of the local stack. */
const config = loadConfig();
const suffix = randomUUID().slice(0, 8);
const spec: TopicSpec = { name: `it.kafka.${suffix}`, partitions: 3, retentionMs: 86_400_000 };

let kafka: Kafka;
let admin: Admin;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  kafka = createKafka(config.kafka);
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await admin.deleteTopics({ topics: [spec.name] }).catch(() => undefined);
  await admin.disconnect();
});

describe('Kafka broker with kafkajs', () => {
  it('creates a topic with our partition count and retention, once', async () => {
    expect(await ensureTopics(admin, [spec])).toEqual([spec.name]);
    expect(await ensureTopics(admin, [spec])).toEqual([]);

    const { topics } = await admin.fetchTopicMetadata({ topics: [spec.name] });
    expect(topics[0]?.partitions).toHaveLength(3);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: spec.name,
          configNames: ['retention.ms', 'cleanup.policy'],
        },
      ],
    });
    const entries = Object.fromEntries(
      described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]),
    );
    expect(entries).toEqual({ 'retention.ms': '86400000', 'cleanup.policy': 'delete' });
  });

  it('refuses an existing topic with fewer partitions than declared', async () => {
    await expect(ensureTopics(admin, [{ ...spec, partitions: 6 }])).rejects.toBeInstanceOf(
      StreamingError,
    );
  });

  it('round-trips keyed records through an idempotent producer and a consumer group, in order per key', async () => {
    const producer: Producer = createIdempotentProducer(kafka);
    await producer.connect();
    closers.push(() => producer.disconnect());

    const users = ['alice', 'bob', 'carol', 'dan'];
    const sent = users.flatMap((user) =>
      Array.from({ length: 25 }, (_, i) => ({
        key: user,
        value: JSON.stringify({ user, seq: i }),
      })),
    );
    const results = await producer.send({ topic: spec.name, acks: -1, messages: sent });
    expect(results.every((r) => r.errorCode === 0)).toBe(true);

    const groupId = `it-group-${suffix}`;
    // A group that never committed is behind by everything the topic holds.
    expect(await consumerGroupLag(admin, groupId, spec.name)).toEqual({
      groupId,
      topic: spec.name,
      lag: 100,
      endOffsets: 100,
    });
    const consumer: Consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
    });
    await consumer.connect();
    closers.push(() => consumer.disconnect());
    await consumer.subscribe({ topic: spec.name, fromBeginning: true });

    const received: Array<{ user: string; seq: number; partition: number }> = [];
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        // Offsets are committed by us, after the work is done: the way our consumers
        // commit only once a batch is stored.
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const value = JSON.parse(message.value!.toString()) as { user: string; seq: number };
          received.push({ ...value, partition });
          await consumer.commitOffsets([
            { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
          ]);
          if (received.length === sent.length) resolve();
        },
      });
    });
    await allReceived;

    expect(received).toHaveLength(100);
    for (const user of users) {
      const mine = received.filter((r) => r.user === user);
      expect(mine.map((r) => r.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i));
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
    }

    // Offsets are committed for the group: what it consumed equals what the topic holds.
    await consumer.stop();
    const committed = await admin.fetchOffsets({ groupId, topics: [spec.name] });
    const latest = await admin.fetchTopicOffsets(spec.name);
    // A partition no key hashed to has no committed offset (-1).
    const committedTotal = committed[0]!.partitions.reduce(
      (n, p) => n + Math.max(0, Number(p.offset)),
      0,
    );
    const latestTotal = latest.reduce((n, p) => n + Number(p.high), 0);
    expect(committedTotal).toBe(100);
    expect(latestTotal).toBe(100);
    expect(await consumerGroupLag(admin, groupId, spec.name)).toMatchObject({ lag: 0 });
  });
});
