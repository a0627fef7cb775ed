import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { consumerGroupLag, type GroupLag } from '@spotify-insights/streaming';

export interface LandingTarget {
  groupId: string;
  topic: string;
}

/**
 * Waits until every consumer group has committed everything its topic holds, which for
 * the raw landers means every record is stored in the raw bucket (they commit only after
 * MinIO confirms). Reports progress while it waits; gives up after `timeoutMs`.
 */
export async function waitForLanding(
  admin: Admin,
  targets: readonly LandingTarget[],
  options: { timeoutMs: number; progress: (message: string) => void; signal?: AbortSignal },
): Promise<GroupLag[]> {
  const deadline = Date.now() + options.timeoutMs;
  let lastReport = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const lags = await Promise.all(targets.map((t) => consumerGroupLag(admin, t.groupId, t.topic)));
    const behind = lags.reduce((n, l) => n + l.lag, 0);
    if (behind === 0) return lags;
    if (Date.now() > deadline)
      throw new Error(
        `consumers still ${behind} records behind after ${options.timeoutMs / 1000} s: ` +
          lags
            .filter((l) => l.lag > 0)
            .map((l) => `${l.topic} ${l.lag}`)
            .join(', '),
      );
    if (Date.now() - lastReport > 2000) {
      const total = lags.reduce((n, l) => n + l.endOffsets, 0);
      options.progress(`landing in raw: ${total - behind}/${total} records committed`);
      lastReport = Date.now();
    }
    await sleep(500);
  }
}
