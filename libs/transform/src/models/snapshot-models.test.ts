import { describe, expect, it } from 'vitest';
import {
  fixtureFiles,
  fixtureLine,
  fixtureLines,
  TOPIC,
  type RawLine,
} from '../test-support/raw-fixtures.ts';
import { useTransformDb } from '../test-support/transform-db.ts';

const DAY_MS = 86_400_000;
const SNAPSHOT_DAY = new Date('2026-11-23'); // the fixtures' snapshot_date (day 20780)

/** A copy of `line` from another fetch: `ms` later, in run `runId`, with these fields. */
const refetched = (
  line: RawLine,
  ms: number,
  fields: Record<string, unknown> = {},
  runId = `${line.envelope.run_id}-again`,
): RawLine => ({
  ...line,
  envelope: { ...line.envelope, fetched_at: line.envelope.fetched_at + ms, run_id: runId },
  fields: { ...line.fields, ...fields },
});

describe('snapshot and library models', () => {
  const db = useTransformDb();

  it('saved_tracks: one row per save, however often it is seen', async () => {
    const [ayaka, boris] = fixtureLines(TOPIC.likedSongs) as [RawLine, RawLine];
    await db.stageAndBuild([
      await db.writeRaw('a.ndjson', TOPIC.likedSongs, [ayaka, boris]),
      await db.writeRaw('b.ndjson', TOPIC.likedSongs, [refetched(ayaka, 3_600_000)]),
    ]);

    expect(await db.rows('SELECT * FROM saved_tracks ORDER BY user_id')).toEqual(
      [ayaka, boris].map((line) => ({
        user_id: line.envelope.user_id,
        track_id: line.fields['track_id'],
        added_at: new Date(line.fields['added_at'] as number),
      })),
    );
  });

  it('saved_albums: one row per (user, album, fetch day)', async () => {
    const saved = fixtureLine(TOPIC.savedAlbums);
    await db.stageAndBuild([
      await db.writeRaw('albums.ndjson', TOPIC.savedAlbums, [
        saved,
        refetched(saved, 3_600_000), // the same day
        refetched(saved, DAY_MS), // the next day
      ]),
    ]);

    expect(await db.rows('SELECT * FROM saved_albums ORDER BY snapshot_date')).toEqual([
      {
        user_id: 'ayaka.sim',
        album_id: saved.fields['album_id'],
        added_at: new Date(saved.fields['added_at'] as number),
        snapshot_date: SNAPSHOT_DAY,
      },
      {
        user_id: 'ayaka.sim',
        album_id: saved.fields['album_id'],
        added_at: new Date(saved.fields['added_at'] as number),
        snapshot_date: new Date('2026-11-24'),
      },
    ]);
  });

  it("followed_artists: one row per (user, artist, snapshot day), the record's snapshot_date", async () => {
    const [ayaka, boris] = fixtureLines(TOPIC.followingArtists) as [RawLine, RawLine];
    await db.stageAndBuild([
      await db.writeRaw('f.ndjson', TOPIC.followingArtists, [
        ayaka,
        boris,
        refetched(ayaka, 3_600_000),
        refetched(ayaka, DAY_MS, { snapshot_date: 20781 }),
      ]),
    ]);

    expect(await db.rows('SELECT * FROM followed_artists ORDER BY user_id, snapshot_date')).toEqual(
      [
        { user_id: 'ayaka.sim', artist_id: ayaka.fields['artist_id'], snapshot_date: SNAPSHOT_DAY },
        {
          user_id: 'ayaka.sim',
          artist_id: ayaka.fields['artist_id'],
          snapshot_date: new Date('2026-11-24'),
        },
        { user_id: 'boris.sim', artist_id: boris.fields['artist_id'], snapshot_date: SNAPSHOT_DAY },
      ],
    );
  });

  it('top_items: tracks and artists by rank, exactly one of the two ids set', async () => {
    await db.stageAndBuild(fixtureFiles());

    const tracks = fixtureLines(TOPIC.topSongs).map((line) => ({
      user_id: line.envelope.user_id,
      snapshot_date: SNAPSHOT_DAY,
      item_type: 'track',
      time_range: line.fields['time_range'],
      rank: line.fields['rank'],
      track_id: line.fields['track_id'],
      artist_id: null,
    }));
    const artists = fixtureLines(TOPIC.topArtists).map((line) => ({
      user_id: line.envelope.user_id,
      snapshot_date: SNAPSHOT_DAY,
      item_type: 'artist',
      time_range: line.fields['time_range'],
      rank: line.fields['rank'],
      track_id: null,
      artist_id: line.fields['artist_id'],
    }));
    expect(
      await db.rows('SELECT * FROM top_items ORDER BY item_type DESC, user_id, time_range, rank'),
    ).toEqual([...tracks, ...artists]);
  });

  it("top_items: a list fetched twice in a day is the later run's list, copies collapse", async () => {
    const [first, second] = fixtureLines(TOPIC.topSongs) as [RawLine, RawLine]; // ranks 1, 2
    // A later run the same day: a shorter list with another track at rank 1.
    const rerun = refetched(first, 3_600_000, { track_id: second.fields['track_id'] }, 'run-2');

    await db.stageAndBuild([
      await db.writeRaw('run-1.ndjson', TOPIC.topSongs, [first, second]),
      await db.writeRaw('run-2.ndjson', TOPIC.topSongs, [rerun]),
      await db.writeRaw('run-2-again.ndjson', TOPIC.topSongs, [rerun]),
    ]);

    expect(await db.rows('SELECT rank, track_id FROM top_items')).toEqual([
      { rank: 1, track_id: second.fields['track_id'] },
    ]);
  });

  it('playlist_items: tracks and episodes by position', async () => {
    await db.stageAndBuild(fixtureFiles());

    const [track, episode] = fixtureLines(TOPIC.playlistItems) as [RawLine, RawLine];
    const row = (line: RawLine, ids: { track_id: unknown; episode_id: unknown }) => ({
      playlist_id: line.fields['playlist_id'],
      snapshot_date: SNAPSHOT_DAY,
      snapshot_id: line.fields['snapshot_id'],
      position: line.fields['position'],
      item_type: line.fields['item_type'],
      ...ids,
      added_at: new Date(line.fields['added_at'] as number),
      added_by: 'ayaka.sim',
    });
    expect(await db.rows('SELECT * FROM playlist_items ORDER BY position')).toEqual([
      row(track, { track_id: track.fields['item_id'], episode_id: null }),
      row(episode, { track_id: null, episode_id: episode.fields['item_id'] }),
    ]);
  });

  it("playlist_items: a playlist changed twice in a day keeps the later snapshot's positions only", async () => {
    const [track, episode] = fixtureLines(TOPIC.playlistItems) as [RawLine, RawLine];
    // Later that day the playlist is one track long: the episode at position 30 is gone.
    const shorter = refetched(track, 3_600_000, { snapshot_id: 'snapshot-2' });

    await db.stageAndBuild([
      await db.writeRaw('morning.ndjson', TOPIC.playlistItems, [track, episode]),
      await db.writeRaw('evening.ndjson', TOPIC.playlistItems, [shorter, shorter]),
    ]);

    expect(await db.rows('SELECT position, snapshot_id FROM playlist_items')).toEqual([
      { position: 0, snapshot_id: 'snapshot-2' },
    ]);
  });

  it('episode_plays and chart_entries exist, typed and empty, until imports fill them', async () => {
    await db.stageAndBuild(fixtureFiles());

    expect(await db.rows('SELECT count(*) AS n FROM episode_plays')).toEqual([{ n: 0n }]);
    expect(await db.rows('SELECT count(*) AS n FROM chart_entries')).toEqual([{ n: 0n }]);
  });
});
