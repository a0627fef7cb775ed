import { describe, expect, it } from 'vitest';
import { sqlStateOf, useFixtureWarehouse } from '../support/fixture-warehouse.ts';
import { TRACKS, USERS } from '../support/star-fixture.ts';

/*
 * What the loader relies on in the star schema's DDL: the grain of each fact is its
 * primary key (so a batch merged twice adds nothing), derived columns are computed by
 * PostgreSQL, the calendar dimensions are filled, and bad rows are refused.
 */
const warehouse = useFixtureWarehouse('warehouse_star_schema');

async function one(sql: string, bindings: (string | number)[] = []) {
  const result = await warehouse().owner.raw<{ rows: Record<string, unknown>[] }>(sql, bindings);
  return result.rows[0]!;
}

const CHECK_VIOLATION = '23514';

// One play as the loader merges it from its staging table.
const MERGE_ONE_PLAY = `
insert into warehouse.fct_play (user_key, track_key, played_at, ms_played, source, load_batch_id)
select u.user_key, t.track_key, ?::timestamptz, ?, 'api', 'run-2'
from warehouse.dim_user u, warehouse.dim_track t
where u.spotify_user_id = ? and t.spotify_track_id = ?
on conflict on constraint fct_play_grain do nothing`;

describe('star schema DDL (real PostgreSQL)', () => {
  it('keeps one row per (user, played_at, track): merging the same play again adds nothing', async () => {
    const play = ['2026-01-31T23:59:30Z', 29_999, USERS.boris, TRACKS.glow.id];
    const first = await warehouse().owner.raw(MERGE_ONE_PLAY, play);
    const second = await warehouse().owner.raw(MERGE_ONE_PLAY, play);
    expect([first.rowCount, second.rowCount]).toEqual([1, 0]);
  });

  it('derives the UTC day and minute of the day and the stream flag', async () => {
    expect(
      await one(
        `select played_date::text, played_time_key, is_stream from warehouse.fct_play
         where played_at = '2026-01-31T23:59:30Z'`,
      ),
    ).toEqual({ played_date: '2026-01-31', played_time_key: 23 * 60 + 59, is_stream: false });
  });

  it('gives tracks sharing an ISRC one recording id, whatever its case', async () => {
    const { recordings } = await one(
      `select array_agg(distinct recording_id) as recordings from warehouse.dim_track
       where spotify_track_id in (?, ?)`,
      [TRACKS.glow.id, TRACKS.glowSingle.id],
    );
    expect(recordings).toEqual(['isrc:GBAAA2100001']);
  });

  it('fills the calendar: every day of 2000-2040 and every minute of the day', async () => {
    expect(
      await one(
        `select (select count(*) from warehouse.dim_date)::int as days,
                (select min(date)::text from warehouse.dim_date) as first_day,
                (select max(date)::text from warehouse.dim_date) as last_day,
                (select count(*) from warehouse.dim_time_of_day)::int as minutes`,
      ),
    ).toEqual({ days: 14_976, first_day: '2000-01-01', last_day: '2040-12-31', minutes: 1440 });
  });

  it('states the grain of every fact table in its comment', async () => {
    const result = await warehouse().owner.raw<{ rows: { name: string; comment: string }[] }>(
      `select c.relname as name, coalesce(obj_description(c.oid, 'pg_class'), '') as comment
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'warehouse' and c.relkind = 'r' and c.relname like 'fct\\_%'`,
    );
    expect(result.rows.length).toBe(8);
    expect(result.rows.filter((r) => !r.comment.startsWith('Grain: '))).toEqual([]);
  });

  it.each([
    ['a source other than api or import', `update warehouse.fct_play set source = 'spotify'`],
    ['a negative ms_played', 'update warehouse.fct_play set ms_played = -1'],
    ['a malformed release date', `update warehouse.dim_album set release_date = '5 March 2021'`],
    [
      'a top-track row that names an artist',
      `update warehouse.fct_top_item_snapshot set artist_key = 1 where item_type = 'track'`,
    ],
  ])('refuses %s', async (_what, sql) => {
    expect(await sqlStateOf(warehouse().owner, sql)).toBe(CHECK_VIOLATION);
  });

  it('refuses a time zone PostgreSQL does not know', async () => {
    await expect(
      warehouse().owner.raw(`update warehouse.dim_user set time_zone = 'Mars/Olympus_Mons'`),
    ).rejects.toThrow(/time zone "Mars\/Olympus_Mons" not recognized/);
  });
});
