import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string;
  value: Record<string, unknown>;
}

/**
 * Every record of a topic from the beginning up to its current end, decoded through the
 * registry: what a test compares with what should have been sent. Reads with a
 * throw-away consumer group, deleted afterwards.
 */
export async function readTopic(
  kafka: Kafka,
  registry: SchemaRegistry,
  topic: string,
): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `it-read-${randomUUID().slice(0, 8)}`;
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter((p) => BigInt(p.high) > BigInt(p.low))
        .map((p) => [p.partition, BigInt(p.high)]),
    );
    const records: TopicRecord[] = [];
    if (ends.size === 0) return records;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              records.push({
                partition,
                offset: message.offset,
                key: message.key?.toString() ?? '',
                value: (await registry.decode(message.value!)) as Record<string, unknown>,
              });
              if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n))
                ends.delete(partition);
              if (ends.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return records;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
