import type { Admin } from 'kafkajs';
import { rawLanderGroup } from '@spotify-insights/ingestion';
import { TOPIC_SOURCE_NAMES, sourceTopic } from '@spotify-insights/schemas';
import { consumerGroupLag } from '@spotify-insights/streaming';

export interface ConsumerLag {
  groupId: string;
  topic: string;
  /** records on the topic the group has not committed yet; null when it could not be read */
  lag: number | null;
  endOffsets: number | null;
  error: string | null;
}

// A broker that does not answer must not hold the status page: each topic gets this long.
const LAG_TIMEOUT_MS = 3000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/** The lag of every raw-lander consumer group on its topic; a topic that fails says why. */
export async function rawLanderLags(admin: Admin): Promise<ConsumerLag[]> {
  return Promise.all(
    TOPIC_SOURCE_NAMES.map(async (source) => {
      const groupId = rawLanderGroup(source);
      const topic = sourceTopic(source);
      try {
        const lag = await withTimeout(consumerGroupLag(admin, groupId, topic), LAG_TIMEOUT_MS);
        return { groupId, topic, lag: lag.lag, endOffsets: lag.endOffsets, error: null };
      } catch (error) {
        return { groupId, topic, lag: null, endOffsets: null, error: (error as Error).message };
      }
    }),
  );
}
