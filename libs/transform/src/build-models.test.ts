import { PROCESSED_COLUMNS, type ProcessedModel } from '@spotify-insights/warehouse';
import { describe, expect, it } from 'vitest';
import { TRANSFORM_MODELS } from './models/index.ts';
import { fixtureFiles, fixtureLine, fixtureLines, TOPIC } from './test-support/raw-fixtures.ts';
import { useTransformDb } from './test-support/transform-db.ts';

// The loader's contract is written in PostgreSQL types (libs/warehouse).
const POSTGRES_TO_DUCKDB: Record<string, string> = {
  text: 'VARCHAR',
  timestamptz: 'TIMESTAMP WITH TIME ZONE',
  date: 'DATE',
  integer: 'INTEGER',
  smallint: 'SMALLINT',
  bigint: 'BIGINT',
  boolean: 'BOOLEAN',
  jsonb: 'VARCHAR[]', // genres: a list, sent to the loader as a JSON array
};

describe('buildAndCheckModels', () => {
  const db = useTransformDb();

  it('builds every model with exactly its declared columns and types', async () => {
    await db.stageAndBuild(fixtureFiles());

    for (const model of TRANSFORM_MODELS) {
      const described = await db.rows(`DESCRIBE ${model.name}`);
      expect(
        Object.fromEntries(described.map((row) => [row['column_name'], row['column_type']])),
        model.name,
      ).toEqual(model.columns);
      expect(Object.keys(model.columns), model.name).toEqual(
        described.map((row) => row['column_name']),
      );
    }
  });

  it("gives the warehouse loader every column of its contract, in the contract's types", () => {
    expect(TRANSFORM_MODELS.map((model) => model.name).sort()).toEqual(
      Object.keys(PROCESSED_COLUMNS).sort(),
    );
    for (const model of TRANSFORM_MODELS) {
      const contract = PROCESSED_COLUMNS[model.name as ProcessedModel];
      for (const [column, type] of contract) {
        expect(model.columns[column], `${model.name}.${column}`).toBe(POSTGRES_TO_DUCKDB[type]);
      }
    }
  });

  it('declares, for every model, a unique expectation on its grain and its partition column', () => {
    for (const model of TRANSFORM_MODELS) {
      const uniques = model.quality.expectations.filter(
        (expectation) => expectation.kind === 'unique',
      );
      expect(
        uniques.map((expectation) => expectation.kind === 'unique' && expectation.columns),
        model.name,
      ).toContainEqual(model.grain.key);
      if (model.partitionColumn !== undefined) {
        expect(model.columns[model.partitionColumn], model.name).toBe('DATE');
      }
    }
  });

  it('passes every model of the real raw lines, nothing quarantined, nothing blocking', async () => {
    const results = await db.stageAndBuild(fixtureFiles());

    expect(results.map((result) => result.model)).toEqual(
      TRANSFORM_MODELS.map((model) => model.name),
    );
    for (const result of results) {
      expect(result.blocking, result.model).toBe(false);
      expect(result.counts.quarantined, result.model).toBe(0);
      const failed = result.expectations.filter((expectation) => expectation.status === 'fail');
      expect(failed, result.model).toEqual([]);
    }
    const [plays] = results.filter((result) => result.model === 'plays');
    expect(plays?.counts).toEqual({ in: 3, passed: 3, quarantined: 0 });
  });

  it('quarantines a broken track with the expectations it failed, and the plays of it', async () => {
    const plays = fixtureLines(TOPIC.recentPlays);
    const [negative, , good] = plays;
    negative!.item.track.duration_ms = -5;
    // A play whose track object lost its id: the track row cannot be identified.
    const anonymous = fixtureLine(TOPIC.likedSongs, 1);
    anonymous.item.track.id = null;
    const files = fixtureFiles().filter(
      ({ topic }) => topic !== TOPIC.recentPlays && topic !== TOPIC.likedSongs,
    );

    const results = await db.stageAndBuild([
      ...files,
      await db.writeRaw('plays.ndjson', TOPIC.recentPlays, plays),
      await db.writeRaw('liked.ndjson', TOPIC.likedSongs, [anonymous]),
    ]);

    expect(
      await db.rows(
        'SELECT track_id, duration_ms, failed_expectations FROM tracks__quarantine ORDER BY track_id',
      ),
    ).toEqual([
      {
        track_id: negative!.fields['track_id'],
        duration_ms: -5,
        failed_expectations: ['range(duration_ms)'],
      },
      { track_id: null, duration_ms: 152709, failed_expectations: ['not_null(track_id)'] },
    ]);
    expect(await db.rows('SELECT track_id, failed_expectations FROM plays__quarantine')).toEqual([
      {
        track_id: negative!.fields['track_id'],
        failed_expectations: ['track_id_not_quarantined_in_tracks'],
      },
    ]);
    const passedPlays = await db.rows('SELECT track_id FROM plays__passed ORDER BY track_id');
    expect(passedPlays.map((row) => row['track_id'])).toContain(good!.fields['track_id']);
    expect(
      await db.rows(
        `SELECT count(*) AS n FROM track_artists__quarantine
         WHERE track_id = '${negative!.fields['track_id']}'`,
      ),
    ).toEqual([{ n: 1n }]);

    // Two of the batch's tracks fail: above the 5% a critical expectation tolerates.
    const tracks = results.find((result) => result.model === 'tracks');
    expect(tracks?.blocking).toBe(true);
    expect(tracks?.expectations.filter((e) => e.blocking).map((e) => e.name)).toEqual([
      'not_null(track_id)',
      'range(duration_ms)',
    ]);
  });
});
