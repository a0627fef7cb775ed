import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  CHARTS_OWNER,
  deadLetterTopicOf,
  ImportError,
  openChartsImporter,
  type ExportFileImporter,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { sourceTopic } from '@spotify-insights/schemas';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { runTransform } from '@spotify-insights/transform';
import { createScratchDatabase, type ScratchDatabase } from '@spotify-insights/warehouse';
import { readTopic } from './support/read-topic.ts';
import { deleteTestTopics, testPipeline } from './support/test-pipeline.ts';

/*
 * Issue 6 §1: Spotify Charts CSVs (BOM, both header variants) through the real pipeline:
 * importer → the charts topic (a test topic of its own) → raw → transform →
 * warehouse.fct_chart_entry. One broken row is dead-lettered with its line, a wrong
 * file is refused with its name and line, and importing again adds nothing.
 */
const config = loadConfig();
const suffix = `charts-${process.pid}-${Date.now() % 100_000}`;
const topic = `it-${suffix}.${sourceTopic('charts')}`;
const logger = createLogger('charts-test', { level: 'error' });
const pipeline = testPipeline(config, suffix, logger);
const kafka = createKafka(config.kafka);
const registry = createSchemaRegistry(config.schemaRegistry);

const id = (n: number) => `${n}`.padStart(2, '0').padEnd(22, 'C');
const dir = mkdtempSync(join(tmpdir(), 'charts-'));
const WEEKLY_HEADER =
  'rank,uri,artist_names,track_name,source,peak_rank,previous_rank,weeks_on_chart,streams';
const DAILY_HEADER = WEEKLY_HEADER.replace('weeks_on_chart', 'days_on_chart');
const files = {
  weekly: join(dir, 'regional-global-weekly-2024-01-04.csv'),
  daily: join(dir, 'regional-de-daily-2024-01-05.csv'),
  wrongHeader: join(dir, 'regional-fr-daily-2024-01-05.csv'),
};
const weeklyRows = [
  `1,spotify:track:${id(1)},"Tyler, The Creator",See You Again,Columbia,1,2,52,40123456`,
  `2,spotify:track:${id(2)},Artist Two,"Song ""Two""",Label,1,-1,1,3000000`,
  `3,spotify:track:${id(3)},Artist Three,Song Three,Label,3,3,10,2500000`,
];
const dailyRows = [
  `1,spotify:track:${id(2)},Artist Two,"Song ""Two""",Label,1,1,30,500000`,
  `2,spotify:album:${id(9)},Broken,Not a track,Label,2,2,3,400000`, // dead-lettered, line 3
  `3,spotify:track:${id(4)},Artist Four,Song Four,Label,3,-1,1,300000`,
];

let scratch: ScratchDatabase;
let admin: Admin;
let importer: ExportFileImporter;

beforeAll(async () => {
  writeFileSync(files.weekly, `\uFEFF${[WEEKLY_HEADER, ...weeklyRows].join('\r\n')}\r\n`);
  writeFileSync(files.daily, `${[DAILY_HEADER, ...dailyRows].join('\n')}\n`);
  writeFileSync(files.wrongHeader, 'position,track,plays\n1,x,2\n');
  scratch = await createScratchDatabase(config.warehouse, 'charts');
  await pipeline.makeBuckets();
  admin = kafka.admin();
  await admin.connect();
  importer = await openChartsImporter({
    kafka,
    registry,
    db: scratch.db,
    logger,
    topic,
    chunkElements: 2,
  });
}, 120_000);

afterAll(async () => {
  await importer?.close();
  await admin?.disconnect();
  await deleteTestTopics(config, [topic]);
  await pipeline.cleanup();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

const importFile = (path: string, runId: string) =>
  importer.importFile({ path, userId: CHARTS_OWNER, runId });

describe('import charts', () => {
  it('publishes both header variants, dead-letters the broken row with its line, refuses a wrong file, and a re-run adds nothing', async () => {
    const first = [await importFile(files.weekly, 'c1'), await importFile(files.daily, 'c1')];
    expect(first.map((o) => [o.status, o.records, o.deadLettered])).toEqual([
      ['imported', 3, 0],
      ['imported', 2, 1],
    ]);
    const refused = await importFile(files.wrongHeader, 'c1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportError);
    expect((refused as ImportError).code).toBe('WRONG_SHAPE');
    expect((refused as ImportError).message).toMatch(
      /^regional-fr-daily-2024-01-05\.csv, line 1, byte 0: not a Spotify Charts header/,
    );

    const again = [await importFile(files.weekly, 'c2'), await importFile(files.daily, 'c2')];
    expect(again.map((o) => o.status)).toEqual(['skipped', 'skipped']);

    const records = await readTopic(kafka, registry, topic);
    expect(records).toHaveLength(5);
    expect(new Set(records.map((r) => r.key))).toEqual(
      new Set(['regional-global-weekly', 'regional-de-daily']),
    );
    expect(
      records.find((r) => r.value['rank'] === 2 && r.key === 'regional-global-weekly')?.value,
    ).toMatchObject({ track_name: 'Song "Two"', previous_rank: null, period_unit: 'weeks' });
    const dlq = await kafka.consumer({ groupId: `it-${suffix}-dlq` });
    await dlq.connect();
    await dlq.subscribe({ topic: deadLetterTopicOf(topic), fromBeginning: true });
    const reason = await new Promise<string>((resolve) => {
      void dlq.run({
        eachMessage: async ({ message }) => resolve(message.headers!['dlq_reason']!.toString()),
      });
    });
    await dlq.disconnect();
    await admin.deleteGroups([`it-${suffix}-dlq`]).catch(() => undefined);
    expect(reason).toMatch(
      /^regional-de-daily-2024-01-05\.csv, line 3, byte \d+: uri: not a spotify:track URI/,
    );
  });

  it('lands the rows in the warehouse: one fct_chart_entry per (chart, date, rank), their tracks in dim_track, no chart user', async () => {
    expect(await pipeline.landInRaw({ name: topic, source: 'charts' }, 5)).toBe(5);
    expect(await pipeline.copyRawObjects()).toBeGreaterThan(0);
    const run = await runTransform(
      { db: scratch.db, lake: pipeline.lake, logger, buckets: pipeline.buckets },
      { trigger: 'manual' },
    );
    expect(run.status, JSON.stringify(run.quality?.blocked)).toBe('succeeded');

    const entries = await scratch
      .db('warehouse.fct_chart_entry as f')
      .join('warehouse.dim_track as t', 't.track_key', 'f.track_key')
      .orderBy(['chart_name', 'rank'])
      .select(
        'f.chart_name',
        'f.chart_date_key',
        'f.rank',
        't.spotify_track_id',
        't.track_name',
        'f.previous_rank',
        'f.periods_on_chart',
        'f.streams',
      );
    expect(entries).toEqual([
      {
        chart_name: 'regional-de-daily',
        chart_date_key: 20240105,
        rank: 1,
        spotify_track_id: id(2),
        track_name: 'Song "Two"',
        previous_rank: 1,
        periods_on_chart: 30,
        streams: '500000',
      },
      expect.objectContaining({ chart_name: 'regional-de-daily', rank: 3, previous_rank: null }),
      expect.objectContaining({
        chart_name: 'regional-global-weekly',
        rank: 1,
        track_name: 'See You Again',
        streams: '40123456',
      }),
      expect.objectContaining({ chart_name: 'regional-global-weekly', rank: 2 }),
      expect.objectContaining({ chart_name: 'regional-global-weekly', rank: 3 }),
    ]);
    expect(await scratch.db('warehouse.dim_user').where({ spotify_user_id: CHARTS_OWNER })).toEqual(
      [],
    );
  });
});
