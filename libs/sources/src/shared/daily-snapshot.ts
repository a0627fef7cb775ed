import type { FetchContext, FetchResult } from '../source-definition.ts';
import { utcDay } from './time.ts';

/** Snapshot sources keep one snapshot per user per UTC day. */
export interface DailyCheckpoint {
  lastSnapshotDay: number;
}

/**
 * Takes today's snapshot unless one was already acknowledged today. A restart or a
 * shorter interval therefore never duplicates a day's snapshot downstream. An empty
 * snapshot (e.g. no followed artists) still counts as taken.
 */
export async function dailySnapshot<TRecord, TClient>(
  ctx: FetchContext<DailyCheckpoint, TClient>,
  take: (snapshotDay: number) => Promise<TRecord[]>,
): Promise<FetchResult<TRecord, DailyCheckpoint>> {
  const today = utcDay(ctx.now);
  if (ctx.checkpoint?.lastSnapshotDay === today) {
    return { records: [], checkpoint: ctx.checkpoint };
  }
  const records = await take(today);
  return { records, checkpoint: { lastSnapshotDay: today } };
}
