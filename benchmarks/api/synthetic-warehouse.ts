import type { Knex } from 'knex';

/*
 * A warehouse of `plays` plays generated inside PostgreSQL (insert ... select from
 * generate_series): no rows cross the network (a million plays: under a minute). The
 * loader's COPY path is the transform benchmark's subject, not this one's; here only the
 * rows matter. Seeded (setseed), so two runs query the same data.
 *
 * Shape: `users` listeners, plays evenly spaced over the 3 years before now (about one
 * every 8 minutes for 5 users and 1M plays), tracks drawn with a skew (a few tracks are
 * played a lot, as in real listening), 10% of plays shorter than 30 s, 1% incognito, and
 * one to two artists per track.
 */
export async function generateWarehouse(
  db: Knex,
  options: { plays: number; users: number; tracks: number },
): Promise<string[]> {
  const { plays, users, tracks } = options;
  const albums = Math.max(1, Math.ceil(tracks / 8));
  const artists = Math.max(1, Math.ceil(tracks / 16));
  const userIds = Array.from({ length: users }, (_, i) => `listener${i + 1}.bench`);
  await db.raw('select setseed(0.42)');
  await db.raw(
    `insert into warehouse.dim_user (spotify_user_id, display_name)
     select id, initcap(split_part(id, '.', 1)) from unnest(cast(:ids as text[])) as ids(id)`,
    { ids: userIds },
  );
  await db.raw(
    `insert into warehouse.dim_artist (spotify_artist_id, artist_name)
     select 'bench-artist-' || i, 'Artist ' || i from generate_series(1, cast(:n as integer)) i`,
    { n: artists },
  );
  await db.raw(
    `insert into warehouse.dim_album (spotify_album_id, album_name, release_date)
     select 'bench-album-' || i, 'Album ' || i, (2000 + i % 25)::text
     from generate_series(1, cast(:n as integer)) i`,
    { n: albums },
  );
  await db.raw(
    `insert into warehouse.dim_track (spotify_track_id, track_name, duration_ms, isrc, album_key)
     select 'bench-track-' || i, 'Track ' || i, 150000 + (i * 7919) % 150000,
            case when i % 50 = 0 then 'BENCH' || lpad(((i / 50) % 40)::text, 7, '0') end,
            (select album_key from warehouse.dim_album where spotify_album_id = 'bench-album-' || (1 + i % cast(:albums as integer)))
     from generate_series(1, cast(:n as integer)) i`,
    { n: tracks, albums },
  );
  await db.raw(
    `insert into warehouse.bridge_track_artist (track_key, artist_key, artist_position)
     select t.track_key, a.artist_key, 0
     from warehouse.dim_track t
     join warehouse.dim_artist a on a.spotify_artist_id = 'bench-artist-' || (1 + t.track_key % cast(:artists as integer))
     union all
     select t.track_key, a.artist_key, 1
     from warehouse.dim_track t
     join warehouse.dim_artist a on a.spotify_artist_id = 'bench-artist-' || (1 + (t.track_key * 31 + 7) % cast(:artists as integer))
     where t.track_key % 4 = 0 and (t.track_key * 31 + 7) % cast(:artists as integer) <> t.track_key % cast(:artists as integer)`,
    { artists },
  );
  await db.raw(
    `insert into warehouse.fct_play (user_key, track_key, played_at, ms_played, incognito, source, load_batch_id)
     with u as (select array_agg(user_key order by user_key) as keys from warehouse.dim_user),
          t as (select array_agg(track_key order by track_key) as keys,
                       array_agg(duration_ms order by track_key) as durations from warehouse.dim_track)
     select u.keys[1 + i % cast(:users as integer)],
            t.keys[x.track],
            now() - interval '3 years'
              + (i / cast(:users as integer)) * (interval '3 years' / (cast(:plays as integer) / cast(:users as integer) + 1)),
            case when random() < 0.1 then (random() * 29000)::integer else t.durations[x.track] end,
            random() < 0.01, 'import', 'bench'
     from generate_series(0, cast(:plays as integer) - 1) i, u, t,
          lateral (select 1 + floor(cast(:tracks as integer) * power(random() + 0 * i, 3))::integer as track) x`,
    { users, plays, tracks },
  );
  await db.raw('analyze');
  return userIds;
}
