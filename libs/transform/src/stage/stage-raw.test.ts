import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fixtureFiles,
  fixtureLine,
  fixtureLines,
  fixturePath,
  TOPIC,
} from '../test-support/raw-fixtures.ts';
import { useTransformDb } from '../test-support/transform-db.ts';
import { rejectionOf } from '../test-support/rejection.ts';
import { stageRawFiles } from './stage-raw.ts';
import { STAGING_TABLES } from './staging-tables.ts';

describe('stageRawFiles', () => {
  const db = useTransformDb();

  it('loads each topic into stg_<source>: typed envelope, fields and item, and the file', async () => {
    const staged = await stageRawFiles(db.conn, fixtureFiles());

    expect(staged.map(({ table, rows }) => [table, rows])).toEqual(
      STAGING_TABLES.map(({ topic, table }) => [table, fixtureLines(topic).length]),
    );
    const line = fixtureLine(TOPIC.recentPlays);
    const [row] = await db.rows(`
      SELECT envelope.user_id, envelope.fetched_at, envelope.offset, fields.played_at,
             fields.artist_ids, item.track.album.name AS album_name, _source_file
      FROM stg_recent_plays LIMIT 1`);
    expect(row).toEqual({
      user_id: line.envelope.user_id,
      fetched_at: BigInt(line.envelope.fetched_at),
      offset: line.envelope['offset'],
      played_at: BigInt(line.fields['played_at'] as number),
      artist_ids: line.fields['artist_ids'],
      album_name: line.item.track.album.name,
      _source_file: fixturePath(TOPIC.recentPlays),
    });
  });

  it('creates an empty staging table for every topic without files', async () => {
    const staged = await stageRawFiles(db.conn, [
      { topic: TOPIC.recentPlays, path: fixturePath(TOPIC.recentPlays) },
    ]);

    expect(staged.filter(({ rows }) => rows > 0).map(({ table }) => table)).toEqual([
      'stg_recent_plays',
    ]);
    const [empty] = await db.rows('SELECT count(*) AS n FROM stg_saved_albums');
    expect(empty).toEqual({ n: 0n });
    const columns = await db.rows('DESCRIBE stg_saved_albums');
    expect(columns.map((column) => column['column_name'])).toEqual([
      'envelope',
      'fields',
      'item',
      '_source_file',
    ]);
  });

  it('reads every file of a topic into one table, and ignores Hive-style folders', async () => {
    const folder = join(db.dir, 'user_id=ayaka.sim', 'date=2026-11-23');
    await mkdir(folder, { recursive: true });
    const second = join(folder, '1-3-5.ndjson');
    await writeFile(second, `${JSON.stringify(fixtureLine(TOPIC.recentPlays))}\n`);

    await stageRawFiles(db.conn, [
      { topic: TOPIC.recentPlays, path: fixturePath(TOPIC.recentPlays) },
      { topic: TOPIC.recentPlays, path: second },
    ]);

    expect(
      await db.rows(
        'SELECT _source_file, count(*) AS n FROM stg_recent_plays GROUP BY ALL ORDER BY n',
      ),
    ).toEqual([
      { _source_file: second, n: 1n },
      { _source_file: fixturePath(TOPIC.recentPlays), n: 3n },
    ]);
    const columns = await db.rows('DESCRIBE stg_recent_plays');
    expect(columns).toHaveLength(4);
  });

  it('refuses a topic it has no staging table for', async () => {
    const error = await rejectionOf(
      stageRawFiles(db.conn, [
        { topic: 'spotify.podcasts.v9', path: fixturePath(TOPIC.recentPlays) },
      ]),
    );
    expect(error).toMatchObject({
      code: 'TOPIC_UNKNOWN',
      details: { topic: 'spotify.podcasts.v9' },
    });
  });

  it('fails with STAGING_FAILED naming the topic when a line is not valid JSON', async () => {
    const path = join(db.dir, 'broken.ndjson');
    await writeFile(path, `${JSON.stringify(fixtureLine(TOPIC.likedSongs))}\n{"envelope": {`);
    const error = await rejectionOf(stageRawFiles(db.conn, [{ topic: TOPIC.likedSongs, path }]));
    expect(error).toMatchObject({ code: 'STAGING_FAILED', canRetry: false });
    expect(error.message).toContain(TOPIC.likedSongs);
  });
});
