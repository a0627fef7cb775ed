import { describe, expect, it } from 'vitest';
import {
  fixtureFiles,
  fixtureLine,
  fixtureLines,
  TOPIC,
  type RawLine,
} from '../test-support/raw-fixtures.ts';
import { useTransformDb } from '../test-support/transform-db.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- API items from the fixtures */

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

// Every full track object in the fixtures, by the path each source keeps it at.
const fullTracks = (): any[] => [
  ...fixtureLines(TOPIC.recentPlays).map((line) => line.item.track),
  ...fixtureLines(TOPIC.likedSongs).map((line) => line.item.track),
  ...fixtureLines(TOPIC.topSongs).map((line) => line.item),
  ...fixtureLines(TOPIC.playlistItems)
    .filter((line) => line.fields['item_type'] === 'track')
    .map((line) => line.item.item),
];
const savedAlbumObjects = (): any[] =>
  fixtureLines(TOPIC.savedAlbums).map((line) => line.item.album);

/** A copy of `line` fetched `ms` later (a later poll of the same thing). */
const later = (line: RawLine, ms: number): RawLine => ({
  ...line,
  envelope: { ...line.envelope, fetched_at: line.envelope.fetched_at + ms },
});

describe('catalogue models from real raw lines', () => {
  const db = useTransformDb();

  it('tracks: one row per track id of any full or album track object, typed', async () => {
    await db.stageAndBuild(fixtureFiles());

    const albumTracks = savedAlbumObjects().flatMap((album) => album.tracks.items);
    const ids = sorted([...fullTracks(), ...albumTracks].map((track) => track.id));
    const rows = await db.rows('SELECT * FROM tracks ORDER BY track_id');
    expect(rows.map((row) => row['track_id'])).toEqual(ids);

    const top = fixtureLine(TOPIC.topSongs).item;
    expect(rows.find((row) => row['track_id'] === top.id)).toEqual({
      track_id: top.id,
      track_name: '夜 星 シティ 夜',
      duration_ms: top.duration_ms,
      isrc: top.external_ids.isrc,
      album_id: top.album.id,
      explicit: false,
      popularity: null,
    });
    // A saved album's simplified tracks have no ISRC; their album is the saved one.
    const albumTrack = savedAlbumObjects()[1].tracks.items[1];
    expect(rows.find((row) => row['track_id'] === albumTrack.id)).toMatchObject({
      track_name: albumTrack.name,
      isrc: null,
      album_id: savedAlbumObjects()[1].id,
    });
  });

  it('tracks: the newest full object wins, a simplified one never does, ISRCs upper-cased', async () => {
    const liked = fixtureLine(TOPIC.likedSongs); // also the second play of the fixtures
    const play = fixtureLine(TOPIC.recentPlays, 1);
    play.item.track.name = 'Renamed later';
    play.item.track.external_ids.isrc = 'desim2603657';
    // The same track in a saved album's list, fetched even later: simplified, so it loses.
    const saved = later(fixtureLine(TOPIC.savedAlbums), 10_000_000);
    saved.item.album.tracks.items = [{ ...liked.item.track, name: 'Simplified name' }];

    await db.stageAndBuild([
      await db.writeRaw('liked.ndjson', TOPIC.likedSongs, [liked]),
      await db.writeRaw('played.ndjson', TOPIC.recentPlays, [later(play, 5_000_000)]),
      await db.writeRaw('albums.ndjson', TOPIC.savedAlbums, [saved]),
    ]);

    expect(
      await db.rows(
        `SELECT track_name, isrc FROM tracks WHERE track_id = '${liked.item.track.id}'`,
      ),
    ).toEqual([{ track_name: 'Renamed later', isrc: 'DESIM2603657' }]);
  });

  it('track_artists: every credited artist at its position, 0 = primary', async () => {
    await db.stageAndBuild(fixtureFiles());

    const liked = fixtureLine(TOPIC.likedSongs).item.track;
    expect(
      await db.rows(
        `SELECT artist_id, artist_position FROM track_artists
         WHERE track_id = '${liked.id}' ORDER BY artist_position`,
      ),
    ).toEqual(
      liked.artists.map((artist: any, position: number) => ({
        artist_id: artist.id,
        artist_position: position,
      })),
    );
    const albumTracks = savedAlbumObjects().flatMap((album) => album.tracks.items);
    const credits = [...fullTracks(), ...albumTracks].flatMap((track) =>
      track.artists.map((artist: any) => `${track.id}/${artist.id}`),
    );
    const [count] = await db.rows('SELECT count(*) AS n FROM track_artists');
    expect(count).toEqual({ n: BigInt(new Set(credits).size) });
  });

  it('albums: a saved album (full, with its label) wins over the album inside a track', async () => {
    await db.stageAndBuild(fixtureFiles());

    const ids = sorted([
      ...fullTracks().map((track) => track.album.id),
      ...savedAlbumObjects().map((album) => album.id),
    ]);
    const rows = await db.rows('SELECT * FROM albums ORDER BY album_id');
    expect(rows.map((row) => row['album_id'])).toEqual(ids);
    // The first play's album is also the first saved album, fetched earlier than the play.
    const saved = savedAlbumObjects()[0];
    expect(fixtureLine(TOPIC.recentPlays).item.track.album.id).toBe(saved.id);
    expect(rows.find((row) => row['album_id'] === saved.id)).toEqual({
      album_id: saved.id,
      album_name: saved.name,
      album_type: saved.album_type,
      release_date: saved.release_date,
      total_tracks: saved.total_tracks,
      label: 'Blue Smoke',
      popularity: null,
    });
  });

  it('artists: one row per artist seen in any object', async () => {
    await db.stageAndBuild(fixtureFiles());
    const albumTracks = savedAlbumObjects().flatMap((album) => album.tracks.items);
    const seen = [
      ...[...fullTracks(), ...albumTracks].flatMap((track) => track.artists),
      ...fullTracks().flatMap((track) => track.album.artists),
      ...savedAlbumObjects().flatMap((album) => album.artists),
      ...fixtureLines(TOPIC.topArtists).map((line) => line.item),
      ...fixtureLines(TOPIC.followingArtists).map((line) => line.item),
    ];
    const rows = await db.rows('SELECT artist_id FROM artists ORDER BY artist_id');
    expect(rows.map((row) => row['artist_id'])).toEqual(sorted(seen.map((artist) => artist.id)));
  });

  it('artists: popularity, followers and genres come from the full object when the API gives them', async () => {
    // The extended-legacy profile still returns the fields Spotify removed in 2026.
    const top = fixtureLine(TOPIC.topArtists, 1);
    Object.assign(top.fields, { popularity: 61, followers: 12_345, genres: ['techno', 'ebm'] });
    // A play of one of their tracks fetched later names them differently (simplified).
    const play = later(fixtureLine(TOPIC.recentPlays, 2), 60_000);
    expect(play.item.track.artists[0].id).toBe(top.fields['artist_id']);
    play.item.track.artists[0].name = 'Simplified';

    await db.stageAndBuild([
      await db.writeRaw('top.ndjson', TOPIC.topArtists, [top]),
      await db.writeRaw('play.ndjson', TOPIC.recentPlays, [play]),
    ]);

    expect(
      await db.rows(`SELECT * FROM artists WHERE artist_id = '${top.fields['artist_id']}'`),
    ).toEqual([
      {
        artist_id: top.fields['artist_id'],
        artist_name: 'Tresor Halle',
        popularity: 61,
        followers: 12_345,
        genres: ['techno', 'ebm'],
      },
    ]);
  });

  it('episodes: the podcast episodes of playlist entries', async () => {
    await db.stageAndBuild(fixtureFiles());

    const episode = fixtureLine(TOPIC.playlistItems, 1).item.item;
    expect(await db.rows('SELECT * FROM episodes')).toEqual([
      {
        episode_id: episode.id,
        episode_name: 'Talk Café #8',
        show_name: 'Talk Café',
        show_id: episode.show.id,
        publisher: 'ポッドキャスト社',
        duration_ms: episode.duration_ms,
        release_date: episode.release_date,
      },
    ]);
  });

  it('playlists: one row per playlist, as last fetched', async () => {
    const [ayaka, boris] = fixtureLines(TOPIC.savedPlaylists) as [RawLine, RawLine];
    const renamed = later(ayaka, 3_600_000);
    renamed.fields = { ...renamed.fields, name: 'Renamed', items_total: 32 };

    await db.stageAndBuild([
      await db.writeRaw('a.ndjson', TOPIC.savedPlaylists, [renamed, ayaka]),
      await db.writeRaw('b.ndjson', TOPIC.savedPlaylists, [boris]),
    ]);

    expect(await db.rows('SELECT * FROM playlists ORDER BY owner_id')).toEqual([
      {
        playlist_id: ayaka.fields['playlist_id'],
        playlist_name: 'Renamed',
        owner_id: 'ayaka.sim',
        owner_name: '山田 彩花',
        is_collaborative: false,
        is_public: true,
        snapshot_id: ayaka.fields['snapshot_id'],
        items_total: 32,
      },
      {
        playlist_id: boris.fields['playlist_id'],
        playlist_name: 'Борис Петров — Favourites',
        owner_id: 'boris.sim',
        owner_name: 'Борис Петров',
        is_collaborative: false,
        is_public: true,
        snapshot_id: boris.fields['snapshot_id'],
        items_total: 30,
      },
    ]);
  });

  it('users: every user of any source, first seen at their earliest fetch', async () => {
    await db.stageAndBuild(fixtureFiles());

    const all = fixtureFiles().flatMap(({ topic }) => fixtureLines(topic));
    const firstSeen = (user: string) =>
      new Date(
        Math.min(
          ...all.filter((line) => line.envelope.user_id === user).map((l) => l.envelope.fetched_at),
        ),
      );
    expect(await db.rows('SELECT * FROM users ORDER BY user_id')).toEqual([
      { user_id: 'ayaka.sim', first_seen_at: firstSeen('ayaka.sim') },
      { user_id: 'boris.sim', first_seen_at: firstSeen('boris.sim') },
    ]);
  });
});
