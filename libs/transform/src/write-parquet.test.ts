import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFiles, fixtureLines, TOPIC } from './test-support/raw-fixtures.ts';
import { useTransformDb } from './test-support/transform-db.ts';
import { rejectionOf } from './test-support/rejection.ts';
import { writeModelParquet } from './write-parquet.ts';

describe('writeModelParquet', () => {
  const db = useTransformDb();

  const readBack = async (files: Array<{ path: string }>, columns = 'count(*) AS n') =>
    db.rows(`SELECT ${columns} FROM read_parquet([${files.map((f) => `'${f.path}'`).join(', ')}])`);

  it('writes a dated model as one Hive-style folder per day, every row read back', async () => {
    await db.stageAndBuild(fixtureFiles());
    const out = join(db.dir, 'processed');

    const files = await writeModelParquet(db.conn, 'plays__passed', out, {
      folder: 'plays',
      partitionColumn: 'played_date',
      fileStem: 'run-1',
    });

    const days = fixtureLines(TOPIC.recentPlays).map((line) =>
      new Date(line.fields['played_at'] as number).toISOString().slice(0, 10),
    );
    expect(files.map((file) => file.relativePath).sort()).toEqual(
      [...new Set(days)].sort().map((day) => `plays/played_date=${day}/run-1_0.parquet`),
    );
    expect(await readdir(join(out, 'plays'))).toHaveLength(new Set(days).size);
    expect(await readBack(files)).toEqual([{ n: 3n }]);
    // The partition column stays inside each file, so a file reads on its own.
    expect(await readBack(files, 'DISTINCT typeof(played_date) AS t')).toEqual([{ t: 'DATE' }]);
  });

  it('writes a model without a date column as one file', async () => {
    await db.stageAndBuild(fixtureFiles());

    const files = await writeModelParquet(db.conn, 'tracks__passed', db.dir, { folder: 'tracks' });

    expect(files.map((file) => file.relativePath)).toEqual(['tracks/data_0.parquet']);
    const [tracks] = await db.rows('SELECT count(*) AS n FROM tracks__passed');
    expect(await readBack(files)).toEqual([tracks]);
  });

  it('writes quarantined rows with the expectations they failed', async () => {
    const plays = fixtureLines(TOPIC.recentPlays);
    plays[0]!.fields['track_id'] = 'not-a-spotify-id';
    await db.stageAndBuild([await db.writeRaw('plays.ndjson', TOPIC.recentPlays, plays)]);

    const files = await writeModelParquet(
      db.conn,
      'plays__quarantine',
      join(db.dir, 'quarantine'),
      { folder: 'plays', partitionColumn: 'played_date' },
    );

    expect(files.map((file) => file.relativePath)).toEqual([
      'plays/played_date=2026-11-20/data_0.parquet',
    ]);
    expect(await readBack(files, 'track_id, failed_expectations')).toEqual([
      { track_id: 'not-a-spotify-id', failed_expectations: ['matches_regex(track_id)'] },
    ]);
  });

  it('writes no file for a dated model without rows', async () => {
    await db.stageAndBuild(fixtureFiles());

    expect(
      await writeModelParquet(db.conn, 'episode_plays__passed', db.dir, {
        partitionColumn: 'played_date',
      }),
    ).toEqual([]);
  });

  it.each([
    ['a dated model', { folder: 'plays', partitionColumn: 'played_date' }],
    ['a model in one file', { folder: 'plays' }],
  ])('refuses to write %s into a folder that already holds files', async (_, options) => {
    await db.stageAndBuild(fixtureFiles());
    await writeModelParquet(db.conn, 'plays__passed', db.dir, options);

    const error = await rejectionOf(writeModelParquet(db.conn, 'plays__passed', db.dir, options));
    expect(error).toMatchObject({
      code: 'PARQUET_WRITE_FAILED',
      details: { table: 'plays__passed' },
    });
  });
});
