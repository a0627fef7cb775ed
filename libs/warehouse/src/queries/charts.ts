import type { Knex } from 'knex';
import { toPage, type Page, type PageRequest } from './page.ts';

/*
 * Chart trends (seed 000: a daily "Top 50" followed over time) over fct_chart_entry:
 * one row per (chart, chart date, rank), from imported Spotify Charts CSVs or a tracked
 * chart playlist. "Previous" always means the chart's previous date in the warehouse
 * (a missing day is skipped, not counted as a drop-out).
 */

export interface ChartSummary {
  chartName: string;
  dates: number;
  firstDate: string;
  lastDate: string;
  tracks: number;
  sources: string[];
}

const DATE_OF_KEY = (key: string) => `to_char(to_date(${key}::text, 'YYYYMMDD'), 'YYYY-MM-DD')`;

export async function listCharts(db: Knex): Promise<ChartSummary[]> {
  const result = await db.raw<{ rows: Record<string, unknown>[] }>(
    `select chart_name, count(distinct chart_date_key) as dates,
            ${DATE_OF_KEY('min(chart_date_key)')} as first_date,
            ${DATE_OF_KEY('max(chart_date_key)')} as last_date,
            count(distinct track_key) as tracks, array_agg(distinct source) as sources
     from warehouse.fct_chart_entry group by chart_name order by chart_name`,
  );
  return result.rows.map((r) => ({
    chartName: String(r.chart_name),
    dates: Number(r.dates),
    firstDate: String(r.first_date),
    lastDate: String(r.last_date),
    tracks: Number(r.tracks),
    sources: r.sources as string[],
  }));
}

/** The chart's date to look at: `date` (YYYY-MM-DD) if it has entries then, else its latest. */
export async function chartDate(
  db: Knex,
  chartName: string,
  date: string | undefined,
): Promise<{ dateKey: number; previousKey: number | null } | undefined> {
  const result = await db.raw<{ rows: { date_key: number | null; previous_key: number | null }[] }>(
    `with target as (
       select max(chart_date_key) as date_key from warehouse.fct_chart_entry
       where chart_name = :chartName
         and (cast(:dateKey as integer) is null or chart_date_key = cast(:dateKey as integer))
     )
     select t.date_key,
            (select max(chart_date_key) from warehouse.fct_chart_entry
             where chart_name = :chartName and chart_date_key < t.date_key) as previous_key
     from target t`,
    { chartName, dateKey: date ? Number(date.replaceAll('-', '')) : null },
  );
  const row = result.rows[0];
  if (!row || row.date_key === null) return undefined;
  return {
    dateKey: Number(row.date_key),
    previousKey: row.previous_key === null ? null : Number(row.previous_key),
  };
}

const TRACK_COLUMNS = `t.spotify_track_id, t.track_name,
  (select string_agg(a.artist_name, ', ' order by b.artist_position, a.artist_name)
   from warehouse.bridge_track_artist b join warehouse.dim_artist a on a.artist_key = b.artist_key
   where b.track_key = t.track_key) as artist_names`;

export interface ChartTrack {
  spotifyTrackId: string;
  trackName: string;
  artistNames: string | null;
}

const chartTrack = (r: Record<string, unknown>): ChartTrack => ({
  spotifyTrackId: String(r.spotify_track_id),
  trackName: String(r.track_name),
  artistNames: (r.artist_names as string | null) ?? null,
});

export interface RankSeries extends ChartTrack {
  points: { date: string; rank: number }[];
}

/**
 * Rank over time: for one track (`spotifyTrackId`), or for the `limit` tracks at the top
 * of the chart's latest date, every date they were on the chart.
 */
export async function chartRankHistory(
  db: Knex,
  chartName: string,
  options: { spotifyTrackId?: string | undefined; limit: number },
): Promise<RankSeries[]> {
  const result = await db.raw<{ rows: Record<string, unknown>[] }>(
    `with chart as (select * from warehouse.fct_chart_entry where chart_name = :chartName),
     chosen as (
       select c.track_key, min(c.rank) as order_rank from chart c
       where case when cast(:trackId as text) is null
                  then c.chart_date_key = (select max(chart_date_key) from chart)
                       and c.rank <= cast(:limit as integer)
                  else c.track_key in (select track_key from warehouse.dim_track
                                       where spotify_track_id = :trackId)
             end
       group by c.track_key
     )
     select ${TRACK_COLUMNS},
            json_agg(json_build_object('date', ${DATE_OF_KEY('c.chart_date_key')}, 'rank', c.rank)
                     order by c.chart_date_key) as points
     from chosen ch
     join chart c on c.track_key = ch.track_key
     join warehouse.dim_track t on t.track_key = ch.track_key
     group by t.track_key, t.spotify_track_id, t.track_name, ch.order_rank
     order by ch.order_rank, t.spotify_track_id`,
    { chartName, trackId: options.spotifyTrackId ?? null, limit: options.limit },
  );
  return result.rows.map((r) => ({
    ...chartTrack(r),
    points: r.points as { date: string; rank: number }[],
  }));
}

export interface ChartEntry extends ChartTrack {
  rank: number;
  previousRank: number | null;
  /** previous rank - rank: positive climbed, negative fell; null for a new entry */
  change: number | null;
  /** never on this chart before (a new entry that is not a re-entry) */
  isDebut: boolean;
  streams: number | null;
}

const ENTRIES_AT = `with cur as (
       select * from warehouse.fct_chart_entry
       where chart_name = :chartName and chart_date_key = cast(:dateKey as integer)
     ),
     prev as (
       select * from warehouse.fct_chart_entry
       where chart_name = :chartName and chart_date_key = cast(:previousKey as integer)
     ),
     entries as (
       select cur.rank, cur.track_key, cur.streams, prev.rank as previous_rank,
              prev.rank - cur.rank as change,
              not exists (select from warehouse.fct_chart_entry e
                          where e.chart_name = :chartName and e.track_key = cur.track_key
                            and e.chart_date_key < cast(:dateKey as integer)) as is_debut
       from cur left join prev on prev.track_key = cur.track_key
     )`;

type EntriesFilter = 'new' | 'up' | 'down';

/** Entries of one chart date: new ones (not on the previous date), or movers up or down. */
export async function chartEntries(
  db: Knex,
  chartName: string,
  at: { dateKey: number; previousKey: number | null },
  filter: EntriesFilter,
  page: PageRequest,
): Promise<Page<ChartEntry> & { date: string; previousDate: string | null }> {
  const where = {
    new: 'e.previous_rank is null',
    up: 'e.change > 0',
    down: 'e.change < 0',
  }[filter];
  const order = {
    new: 'e.rank',
    up: 'e.change desc, e.rank',
    down: 'e.change, e.rank',
  }[filter];
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `${ENTRIES_AT}
     select e.*, ${TRACK_COLUMNS}, count(*) over () as total
     from entries e join warehouse.dim_track t on t.track_key = e.track_key
     where ${where}
     order by ${order}
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    { chartName, dateKey: at.dateKey, previousKey: at.previousKey, ...page },
  );
  const dateOf = (key: number | null) =>
    key === null
      ? null
      : `${String(key).slice(0, 4)}-${String(key).slice(4, 6)}-${String(key).slice(6, 8)}`;
  return {
    date: dateOf(at.dateKey)!,
    previousDate: dateOf(at.previousKey),
    ...toPage(result.rows, page, (r) => ({
      ...chartTrack(r),
      rank: Number(r.rank),
      previousRank: r.previous_rank === null ? null : Number(r.previous_rank),
      change: r.change === null ? null : Number(r.change),
      isDebut: Boolean(r.is_debut),
      streams: r.streams === null ? null : Number(r.streams),
    })),
  };
}

export interface LongestOnChart extends ChartTrack {
  rank: number;
  /** chart dates the track was on the chart */
  dates: number;
  peakRank: number;
  firstDate: string;
  lastDate: string;
}

/** Tracks by how many of the chart's dates they were on it, then their peak. */
export async function chartLongest(
  db: Knex,
  chartName: string,
  page: PageRequest,
): Promise<Page<LongestOnChart>> {
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `with per_track as (
       select track_key, count(distinct chart_date_key) as dates, min(rank) as peak_rank,
              min(chart_date_key) as first_key, max(chart_date_key) as last_key
       from warehouse.fct_chart_entry where chart_name = :chartName
       group by track_key
     ),
     ranked as (
       select p.*, ${TRACK_COLUMNS},
              row_number() over (order by p.dates desc, p.peak_rank, t.spotify_track_id) as rank,
              count(*) over () as total
       from per_track p join warehouse.dim_track t on t.track_key = p.track_key
     )
     select *, ${DATE_OF_KEY('first_key')} as first_date, ${DATE_OF_KEY('last_key')} as last_date
     from ranked
     where rank > cast(:offset as integer) and rank <= cast(:offset as integer) + cast(:limit as integer)
     order by rank`,
    { chartName, ...page },
  );
  return toPage(result.rows, page, (r) => ({
    ...chartTrack(r),
    rank: Number(r.rank),
    dates: Number(r.dates),
    peakRank: Number(r.peak_rank),
    firstDate: String(r.first_date),
    lastDate: String(r.last_date),
  }));
}

export interface ArtistShare {
  rank: number;
  spotifyArtistId: string;
  artistName: string;
  /** chart positions held by the artist's tracks (a featured artist counts too) */
  entries: number;
  /** entries over the chart's positions, 0-1 */
  share: number;
  /** the artist's tracks' streams over all the chart's streams, when the chart has streams */
  streamShare: number | null;
}

/** Each artist's share of the chart's positions, on one date or over all of them. */
export async function chartArtistShare(
  db: Knex,
  chartName: string,
  dateKey: number | null,
  page: PageRequest,
): Promise<Page<ArtistShare>> {
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `with chart as (
       select * from warehouse.fct_chart_entry
       where chart_name = :chartName
         and (cast(:dateKey as integer) is null or chart_date_key = cast(:dateKey as integer))
     ),
     totals as (select count(*) as positions, sum(streams) as streams from chart),
     per_artist as (
       select b.artist_key, count(*) as entries, sum(c.streams) as streams
       from chart c join warehouse.bridge_track_artist b on b.track_key = c.track_key
       group by b.artist_key
     ),
     ranked as (
       select p.*, a.spotify_artist_id, a.artist_name,
              round(p.entries::numeric / nullif(t.positions, 0), 4) as share,
              round(p.streams::numeric / nullif(t.streams, 0), 4) as stream_share,
              row_number() over (order by p.entries desc, p.streams desc nulls last, a.artist_name) as rank,
              count(*) over () as total
       from per_artist p cross join totals t join warehouse.dim_artist a on a.artist_key = p.artist_key
     )
     select * from ranked
     where rank > cast(:offset as integer) and rank <= cast(:offset as integer) + cast(:limit as integer)
     order by rank`,
    { chartName, dateKey, ...page },
  );
  return toPage(result.rows, page, (r) => ({
    rank: Number(r.rank),
    spotifyArtistId: String(r.spotify_artist_id),
    artistName: String(r.artist_name),
    entries: Number(r.entries),
    share: Number(r.share),
    streamShare: r.stream_share === null ? null : Number(r.stream_share),
  }));
}

export interface PlaylistSummary {
  spotifyPlaylistId: string;
  playlistName: string;
  ownerName: string | null;
  snapshots: number;
  lastSnapshotDate: string | null;
  itemsTotal: number | null;
}

export async function listPlaylists(db: Knex, page: PageRequest): Promise<Page<PlaylistSummary>> {
  const result = await db.raw<{ rows: (Record<string, unknown> & { total: string })[] }>(
    `select p.spotify_playlist_id, p.playlist_name, p.owner_name, p.items_total,
            count(distinct s.snapshot_date_key) as snapshots,
            ${DATE_OF_KEY('max(s.snapshot_date_key)')} as last_date,
            count(*) over () as total
     from warehouse.dim_playlist p
     left join warehouse.fct_playlist_item_snapshot s on s.playlist_key = p.playlist_key
     group by p.playlist_key
     order by p.playlist_name, p.spotify_playlist_id
     limit cast(:limit as integer) offset cast(:offset as integer)`,
    { ...page },
  );
  return toPage(result.rows, page, (r) => ({
    spotifyPlaylistId: String(r.spotify_playlist_id),
    playlistName: String(r.playlist_name),
    ownerName: (r.owner_name as string | null) ?? null,
    snapshots: Number(r.snapshots),
    lastSnapshotDate: (r.last_date as string | null) ?? null,
    itemsTotal: r.items_total === null ? null : Number(r.items_total),
  }));
}

/**
 * A playlist's tracks by position (1-based) over its daily snapshots: for the `limit`
 * first tracks of the latest snapshot, each day's position.
 */
export async function playlistPositionHistory(
  db: Knex,
  spotifyPlaylistId: string,
  limit: number,
): Promise<RankSeries[] | undefined> {
  const playlist = await db('warehouse.dim_playlist')
    .where({ spotify_playlist_id: spotifyPlaylistId })
    .first('playlist_key');
  if (!playlist) return undefined;
  const result = await db.raw<{ rows: Record<string, unknown>[] }>(
    `with items as (
       select * from warehouse.fct_playlist_item_snapshot
       where playlist_key = :playlistKey and item_type = 'track'
     ),
     chosen as (
       select track_key, min(position) as order_position from items
       where snapshot_date_key = (select max(snapshot_date_key) from items)
         and position < cast(:limit as integer)
       group by track_key
     )
     select ${TRACK_COLUMNS},
            json_agg(json_build_object('date', ${DATE_OF_KEY('i.snapshot_date_key')},
                                       'rank', i.position + 1) order by i.snapshot_date_key) as points
     from chosen ch
     join items i on i.track_key = ch.track_key
     join warehouse.dim_track t on t.track_key = ch.track_key
     group by t.track_key, t.spotify_track_id, t.track_name, ch.order_position
     order by ch.order_position`,
    { playlistKey: playlist.playlist_key, limit },
  );
  return result.rows.map((r) => ({
    ...chartTrack(r),
    points: r.points as { date: string; rank: number }[],
  }));
}
