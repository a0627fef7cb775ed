import type { Knex } from 'knex';
import { fitToWidth } from './display-width.ts';

export interface WrappedLine {
  user: string;
  minutes: number;
  streams: number;
  topArtist: string | null;
  topTrack: string | null;
  longestStreakDays: number;
}

/**
 * Each user's "Wrapped" in one line, read from the marts the way a BI tool would: all-time
 * minutes and streams, top artist and track, longest streak (incognito plays left out).
 */
export async function wrappedSummary(db: Knex): Promise<WrappedLine[]> {
  const { rows } = await db.raw<{ rows: Array<Record<string, unknown>> }>(`
    select u.spotify_user_id as "user",
      coalesce((select sum(music_minutes) from marts.listening_daily d
                where d.user_key = u.user_key), 0) as minutes,
      coalesce((select sum(music_streams) from marts.listening_daily d
                where d.user_key = u.user_key), 0) as streams,
      (select artist_name from marts.top_artists_by_period a
        where a.user_key = u.user_key and a.period = 'all_time' and a.rank = 1 limit 1) as top_artist,
      (select track_name from marts.top_tracks_by_period t
        where t.user_key = u.user_key and t.period = 'all_time' and t.rank = 1 limit 1) as top_track,
      coalesce((select max(days) from marts.streaks s where s.user_key = u.user_key), 0)
        as longest_streak
    from warehouse.dim_user u
    order by u.spotify_user_id`);
  return rows.map((row) => ({
    user: String(row['user']),
    minutes: Number(row['minutes']),
    streams: Number(row['streams']),
    topArtist: (row['top_artist'] as string | null) ?? null,
    topTrack: (row['top_track'] as string | null) ?? null,
    longestStreakDays: Number(row['longest_streak']),
  }));
}

const cut = (text: string | null, width: number) => fitToWidth(text ?? '–', width);

export function formatWrapped(lines: readonly WrappedLine[]): string[] {
  return [
    `  ${'user'.padEnd(12)} ${'minutes'.padStart(8)} ${'streams'.padStart(7)}  ${'top artist'.padEnd(24)} ${'top track'.padEnd(28)} streak`,
    ...lines.map(
      (l) =>
        `  ${cut(l.user, 12)} ${String(Math.round(l.minutes)).padStart(8)} ${String(l.streams).padStart(7)}  ${cut(l.topArtist, 24)} ${cut(l.topTrack, 28)} ${l.longestStreakDays} d`,
    ),
  ];
}
