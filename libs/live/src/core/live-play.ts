/** An artist as a play names it: the import knows only the name, the API also the id. */
export interface LiveArtist {
  name: string;
  id: string | null;
}

/** One track play as the live aggregator counts it, whichever topic it came from. */
export interface LivePlay {
  userId: string;
  /** When the play ended (epoch ms): the event time the windows slide on. */
  playedAt: number;
  trackId: string;
  trackName: string | null;
  artists: readonly LiveArtist[];
}

/**
 * The play's grain, the warehouse's dedupe rule: (user, played_at to the second, track).
 * The same play polled twice, imported twice or replayed is one play. Second and track
 * id come first: both are free of the separator, so the user id can hold anything.
 */
export function playGrain(play: Pick<LivePlay, 'userId' | 'playedAt' | 'trackId'>): string {
  return `${Math.floor(play.playedAt / 1000)}:${play.trackId}:${play.userId}`;
}
