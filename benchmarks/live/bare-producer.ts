import { setTimeout as sleep } from 'node:timers/promises';
import type { Kafka } from 'kafkajs';
import { dueUntil, replayOffsets, type ReplaySpeed } from '@spotify-insights/live';
import { createIdempotentProducer } from '@spotify-insights/streaming';

/**
 * The baseline's producer: the same values on the same schedule as the replay (its
 * pacing functions, chunks of at most 1,000, the idempotent producer with acks from
 * all replicas), each record numbered in a header so the bare consumer can say when
 * it arrived. Returns when each record was sent (epoch ms), by number.
 */
export async function sendPaced(options: {
  kafka: Kafka;
  topic: string;
  keys: readonly string[];
  values: readonly Buffer[];
  eventTimes: readonly number[];
  speed: ReplaySpeed;
}): Promise<Float64Array> {
  const producer = createIdempotentProducer(options.kafka);
  await producer.connect();
  const offsets = replayOffsets(options.eventTimes, options.speed);
  const sentAt = new Float64Array(options.values.length);
  const started = performance.now();
  let sent = 0;
  try {
    while (sent < offsets.length) {
      const elapsed = performance.now() - started;
      const end = dueUntil(offsets, sent, elapsed, 1_000);
      if (end === sent) {
        await sleep(Math.min(250, Math.max(1, offsets[sent]! - elapsed)));
        continue;
      }
      const at = Date.now();
      const messages = [];
      for (let i = sent; i < end; i++) {
        sentAt[i] = at;
        messages.push({
          key: options.keys[i]!,
          value: options.values[i]!,
          headers: { i: String(i) },
        });
      }
      await producer.send({ topic: options.topic, acks: -1, messages });
      sent = end;
    }
  } finally {
    await producer.disconnect();
  }
  return sentAt;
}
