import { describe, expect, it } from 'vitest';
import { sqlStateOf, useFixtureWarehouse } from '../support/fixture-warehouse.ts';

/*
 * The read-only BI role, logged in for real on the local PostgreSQL: it reads every
 * dimension, fact and mart, and is refused everything else (the app schema with the
 * encrypted Spotify tokens, knex's tables, any write, any DDL) with "permission denied".
 */
const INSUFFICIENT_PRIVILEGE = '42501';

const warehouse = useFixtureWarehouse('warehouse_bi_reader');

/** Every table and view of a schema, as the owner sees them. */
async function relationsOf(schema: string): Promise<string[]> {
  const result = await warehouse().owner.raw<{ rows: { name: string }[] }>(
    `select table_name as name from information_schema.tables
     where table_schema = ? order by table_name`,
    [schema],
  );
  return result.rows.map((r) => `${schema}.${r.name}`);
}

describe('bi_reader (real PostgreSQL)', () => {
  it('reads every dimension, bridge, fact and mart', async () => {
    const relations = [...(await relationsOf('warehouse')), ...(await relationsOf('marts'))];
    expect(relations).toEqual(
      expect.arrayContaining([
        'warehouse.dim_user',
        'warehouse.dim_track',
        'warehouse.dim_artist',
        'warehouse.dim_album',
        'warehouse.bridge_track_artist',
        'warehouse.dim_date',
        'warehouse.dim_time_of_day',
        'warehouse.dim_playlist',
        'warehouse.dim_genre',
        'warehouse.bridge_artist_genre',
        'warehouse.dim_episode',
        'warehouse.fct_play',
        'warehouse.fct_episode_play',
        'warehouse.fct_saved_track',
        'warehouse.fct_saved_album',
        'warehouse.fct_followed_artist',
        'warehouse.fct_top_item_snapshot',
        'warehouse.fct_playlist_item_snapshot',
        'warehouse.fct_chart_entry',
        'marts.user_music_preferences',
        'marts.recent_plays_analysis',
        'marts.listening_daily',
        'marts.listening_monthly',
        'marts.top_tracks_by_period',
        'marts.top_artists_by_period',
        'marts.listening_clock',
        'marts.sessions',
        'marts.streaks',
        'marts.podcasts',
      ]),
    );
    for (const relation of relations) {
      const result = await warehouse().biReader.raw<{ rows: { n: string }[] }>(
        `select count(*) as n from ${relation}`,
      );
      // the fixture puts at least one row in every table and view
      expect({ relation, rows: Number(result.rows[0]!.n) > 0 }).toEqual({ relation, rows: true });
    }
  });

  it.each([
    'select * from app.spotify_tokens',
    'select * from app.producer_checkpoints',
    'select * from app.pipeline_heartbeats',
    'select * from public.knex_migrations',
  ])('is refused: %s', async (sql) => {
    expect(await sqlStateOf(warehouse().biReader, sql)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it.each([
    "insert into warehouse.dim_user (spotify_user_id) values ('intruder')",
    "insert into app.spotify_tokens (user_id, ciphertext) values ('intruder', 'x')",
    "update warehouse.dim_user set display_name = 'changed'",
    'update warehouse.fct_play set ms_played = 0',
    'delete from warehouse.fct_play',
    'delete from app.spotify_tokens',
    'truncate warehouse.dim_artist',
    'create table warehouse.intruder (id int)',
    'create view marts.intruder as select 1 as one',
    'create table public.intruder (id int)',
    'create table app.intruder (id int)',
    'create schema intruder',
    'drop view marts.sessions',
    'alter table warehouse.fct_play add column intruder int',
  ])('cannot write or change anything: %s', async (sql) => {
    expect(await sqlStateOf(warehouse().biReader, sql)).toBe(INSUFFICIENT_PRIVILEGE);
  });
});
