import type { TimeRange } from '@spotify-insights/spotify';

/** Every window `/me/top/*` offers, in the order snapshots are taken. */
export const TIME_RANGES: readonly TimeRange[] = ['short_term', 'medium_term', 'long_term'];

export interface Ranked<TItem> {
  range: TimeRange;
  /** 1-based position in the snapshot. */
  rank: number;
  item: TItem;
}

/**
 * One list per time range, ranked 1-based in the order Spotify returns them. Sequential
 * on purpose: three small calls, and the app-wide rate limiter is the bottleneck anyway.
 */
export async function rankedPerRange<TItem>(
  list: (range: TimeRange) => Promise<TItem[]>,
): Promise<Ranked<TItem>[]> {
  const ranked: Ranked<TItem>[] = [];
  for (const range of TIME_RANGES) {
    const items = await list(range);
    items.forEach((item, index) => ranked.push({ range, rank: index + 1, item }));
  }
  return ranked;
}
