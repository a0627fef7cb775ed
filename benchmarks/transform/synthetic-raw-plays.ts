import { rawObjectKey } from '@spotify-insights/lake';
import { seededRandom, type Catalogue } from './synthetic-catalogue.ts';

/*
 * A year of recently-played lines per user, cut into raw objects the way the consumers
 * write them: `<topic>/user_id=<u>/date=<fetch day>/<partition>-<first>-<last>.ndjson`,
 * one user's records in one partition with growing offsets. Every line is a distinct play
 * (user, second, track), so N lines are N rows of fct_play. Each object's lines are made
 * from its own seed, so objects can be generated in any order and in parallel.
 */

export const RECENT_PLAYS_TOPIC = 'spotify.recent-plays.v1';
const ENDPOINT = 'GET /me/player/recently-played';
const PARTITIONS = 3;
const YEAR_MS = 365 * 86_400_000;
/** A chunk is fetched a minute after its last play. */
const FETCH_DELAY_MS = 60_000;

export interface RawObjectPlan {
  key: string;
  userId: string;
  partition: number;
  firstOffset: number;
  /** Index of the chunk's first play in its user's year, and how many plays it holds. */
  firstPlay: number;
  lines: number;
  /** Time between two plays of this user, and when the user's year starts. */
  intervalMs: number;
  yearStart: number;
  fetchedAt: number;
  seed: number;
}

export interface RawPlaysPlanOptions {
  plays: number;
  users: readonly string[];
  linesPerObject: number;
  /** The last play of every user ends a minute or so before this. */
  end: Date;
}

/** The objects of the lake, in order; their lines are made by `rawObjectLines`. */
export function planRawObjects(options: RawPlaysPlanOptions): RawObjectPlan[] {
  const { users, linesPerObject } = options;
  const objects: RawObjectPlan[] = [];
  const nextOffset = new Array<number>(PARTITIONS).fill(0);
  const yearStart = options.end.getTime() - FETCH_DELAY_MS - YEAR_MS;
  users.forEach((userId, userIndex) => {
    const plays =
      Math.floor(options.plays / users.length) + (userIndex < options.plays % users.length ? 1 : 0);
    const intervalMs = YEAR_MS / plays;
    const partition = userIndex % PARTITIONS;
    for (let firstPlay = 0; firstPlay < plays; firstPlay += linesPerObject) {
      const lines = Math.min(linesPerObject, plays - firstPlay);
      const lastPlayedAt = yearStart + (firstPlay + lines) * intervalMs;
      const fetchedAt = Math.floor(lastPlayedAt + FETCH_DELAY_MS);
      const firstOffset = nextOffset[partition]!;
      nextOffset[partition] = firstOffset + lines;
      objects.push({
        key: rawObjectKey({
          topic: RECENT_PLAYS_TOPIC,
          userId,
          date: new Date(fetchedAt),
          partition,
          firstOffset: String(firstOffset),
          lastOffset: String(firstOffset + lines - 1),
        }),
        userId,
        partition,
        firstOffset,
        firstPlay,
        lines,
        intervalMs,
        yearStart,
        fetchedAt,
        seed: objects.length + 1,
      });
    }
  });
  return objects;
}

/**
 * The NDJSON lines of one object. Tracks are drawn with a skew (a few favourites played
 * often, a long tail), and six plays in ten are in their album's context, the rest in
 * a playlist's. Play times step by the user's interval, plus up to a second of jitter,
 * so no two plays of a user share a second.
 */
export function* rawObjectLines(
  plan: RawObjectPlan,
  catalogue: Catalogue,
  runId: string,
): Generator<string> {
  const random = seededRandom(plan.seed);
  const { tracks, playlists } = catalogue;
  const envelopeHead = `{"envelope":{"user_id":${JSON.stringify(plan.userId)},"fetched_at":${plan.fetchedAt},"endpoint":"${ENDPOINT}","run_id":${JSON.stringify(runId)},"topic":"${RECENT_PLAYS_TOPIC}","partition":${plan.partition},"offset":"`;
  for (let i = 0; i < plan.lines; i++) {
    const play = plan.firstPlay + i;
    const playedAt = Math.floor(plan.yearStart + (play + 1) * plan.intervalMs - random() * 999);
    const track = tracks[Math.floor(tracks.length * random() ** 2)]!;
    const context =
      random() < 0.6 ? track.album : playlists[Math.floor(random() * playlists.length)]!;
    yield (
      `${envelopeHead}${plan.firstOffset + i}","schema_id":1},` +
      `"fields":{"played_at":${playedAt},${track.fieldsJson},"context_type":"${context.type}","context_uri":"${context.uri}"},` +
      `"item":{"track":${track.trackJson},"played_at":"${new Date(playedAt).toISOString()}","context":${context.json}}}\n`
    );
  }
}
