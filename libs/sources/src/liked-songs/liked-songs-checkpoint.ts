import type { SavedTrack } from '@spotify-insights/spotify';
import { epochMs } from '../shared/time.ts';

/**
 * Where the liked-songs scan stopped. `added_at` has only second precision, so several
 * songs can share the newest time; the ids already sent at that time are kept so the
 * next scan (which starts *at* that time, inclusive) skips exactly those.
 */
export interface LikedSongsCheckpoint {
  /** ISO time of the newest `added_at` already sent. */
  lastAddedAt: string;
  idsAtLastAddedAt: string[];
}

/** Whether a saved track was not sent by an earlier acknowledged run. */
export function isNewSince(saved: SavedTrack, checkpoint: LikedSongsCheckpoint | undefined) {
  if (checkpoint === undefined) return true;
  const addedAt = epochMs(saved.added_at);
  const boundary = epochMs(checkpoint.lastAddedAt);
  if (addedAt < boundary) return false;
  return !(addedAt === boundary && checkpoint.idsAtLastAddedAt.includes(saved.track.id));
}

/** The checkpoint after sending `fetched` (everything the scan returned, sent or skipped). */
export function nextCheckpoint(
  previous: LikedSongsCheckpoint | undefined,
  fetched: readonly SavedTrack[],
): LikedSongsCheckpoint | undefined {
  const timed = fetched
    .map((saved) => ({ id: saved.track.id, at: epochMs(saved.added_at) }))
    .filter((entry) => Number.isFinite(entry.at));
  const previousAt = previous === undefined ? -Infinity : epochMs(previous.lastAddedAt);
  const newest = Math.max(previousAt, ...timed.map((entry) => entry.at));
  if (!Number.isFinite(newest) || newest === previousAt) {
    // Same boundary as before: add any new ids that arrived at that very time.
    if (previous === undefined) return undefined;
    const ids = timed.filter((entry) => entry.at === previousAt).map((entry) => entry.id);
    return { ...previous, idsAtLastAddedAt: unique([...previous.idsAtLastAddedAt, ...ids]) };
  }
  return {
    lastAddedAt: new Date(newest).toISOString(),
    idsAtLastAddedAt: unique(timed.filter((entry) => entry.at === newest).map((e) => e.id)),
  };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
