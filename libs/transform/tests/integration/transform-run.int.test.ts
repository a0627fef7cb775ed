import type { Knex } from 'knex';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  createLakeClient,
  listObjectKeys,
  readObjectText,
  removeBucketAndObjects,
  toNdjson,
} from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { createScratchDatabase, type ScratchDatabase } from '@spotify-insights/warehouse';
import { runTransform, type LakeBuckets, type TransformDeps } from '../../src/index.ts';
import {
  fixtureLine,
  fixtureLines,
  TOPIC,
  type RawLine,
} from '../../src/test-support/raw-fixtures.ts';

/*
 * The transform DAG on the real stack: raw objects in MinIO (buckets of this test's own,
 * so nobody else's objects are seen), a warehouse in a database of its own. Plays are
 * written as the raw consumers write them, from real raw lines; the expected warehouse
 * numbers are computed here from the plays written, independently of the transform.
 */
const config = loadConfig();
const suffix = `${process.pid}-${Date.now() % 100_000}`;
const buckets: LakeBuckets = {
  raw: `it-raw-${suffix}`,
  processed: `it-processed-${suffix}`,
  presentation: `it-presentation-${suffix}`,
};
let scratch: ScratchDatabase;
let db: Knex;
let lake: Client;
let deps: TransformDeps;
let objectCount = 0;

const USER = 'ayaka.sim';
const BASE = Date.parse('2026-11-20T08:00:00.000Z');

/** A recently-played line for USER ending at BASE + minutes, with the template's track. */
function play(minutes: number, template = 0, msJitter = 0): RawLine {
  const line = fixtureLine(TOPIC.recentPlays, template);
  const at = BASE + minutes * 60_000 + msJitter;
  line.envelope.user_id = USER;
  line.fields['played_at'] = at;
  line.item.played_at = new Date(at).toISOString();
  return line;
}

/** Stores lines as one raw object, keyed the way the consumers key them. */
async function putRaw(topic: string, lines: RawLine[], date = '2026-11-20'): Promise<string> {
  const first = objectCount * 1000;
  objectCount++;
  const key = `${topic}/user_id=${USER}/date=${date}/0-${first}-${first + lines.length - 1}.ndjson`;
  await lake.putObject(buckets.raw, key, toNdjson(lines));
  return key;
}

async function warehousePlays(): Promise<Array<{ played_at: Date; ms_played: number }>> {
  return db('warehouse.fct_play as f')
    .join('warehouse.dim_user as u', 'u.user_key', 'f.user_key')
    .where('u.spotify_user_id', USER)
    .select('f.played_at', 'f.ms_played')
    .orderBy('f.played_at');
}

beforeAll(async () => {
  scratch = await createScratchDatabase(config.warehouse, 'transform_run');
  db = scratch.db;
  lake = createLakeClient(config.lake);
  for (const bucket of Object.values(buckets)) await lake.makeBucket(bucket);
  deps = { db, lake, logger: createLogger('transform-test', { level: 'error' }), buckets };
});

afterAll(async () => {
  for (const bucket of Object.values(buckets)) {
    await removeBucketAndObjects(lake, bucket).catch(() => undefined);
  }
  await scratch?.drop();
});

describe('transform run (raw → processed → presentation → warehouse)', () => {
  it('loads every play once, however often raw holds it, with the minutes raw says', async () => {
    // Every source's real lines, so every model has rows.
    for (const topic of Object.values(TOPIC)) await putRaw(topic, fixtureLines(topic));
    // Five plays; the second again in another object (polled twice), and once more with
    // other milliseconds (the same play to the second).
    const plays = [0, 5, 9, 30, 31].map((m, i) => play(m, i % 2));
    await putRaw(TOPIC.recentPlays, plays.slice(0, 3));
    await putRaw(TOPIC.recentPlays, [plays[1]!, ...plays.slice(3)]);
    await putRaw(TOPIC.recentPlays, [play(5, 1, 417)]);

    const result = await runTransform(deps, { trigger: 'manual' });
    expect(result.status).toBe('succeeded');
    expect(result.objectsIn).toBe(Object.keys(TOPIC).length + 3);

    // Independently: the distinct (played_at to the second, track) of USER's plays, from
    // what was written — the five plays plus the fixture's own plays of USER.
    const written = [
      ...fixtureLines(TOPIC.recentPlays).filter((l) => l.envelope.user_id === USER),
      ...plays,
    ];
    const distinct = new Map<string, number>();
    for (const line of written)
      distinct.set(
        `${Math.floor(Number(line.fields['played_at']) / 1000)}|${String(line.fields['track_id'])}`,
        Number(line.fields['duration_ms']),
      );
    const loaded = await warehousePlays();
    expect(loaded).toHaveLength(distinct.size);
    const expectedMs = [...distinct.values()].reduce((a, b) => a + b, 0);
    expect(loaded.reduce((n, p) => n + Number(p.ms_played), 0)).toBe(expectedMs);

    // Every layer holds the run's output.
    const processed = await listObjectKeys(lake, buckets.processed, 'plays/');
    expect(processed.some((k) => /^plays\/played_date=2026-11-20\/.+\.parquet$/.test(k))).toBe(
      true,
    );
    const presentation = await listObjectKeys(lake, buckets.presentation, '');
    expect(presentation).toContain('user_daily_listening/user_daily_listening.csv');
    expect(presentation).toContain('user_daily_listening/user_daily_listening.parquet');
    const report = JSON.parse(
      await readObjectText(lake, buckets.presentation, `quality/${result.runId}/report.json`),
    ) as { totals: { rowsQuarantined: number } };
    expect(report.totals.rowsQuarantined).toBe(0);
    expect(presentation).toContain(`quality/${result.runId}/report.html`);
  });

  it('takes nothing twice, and only what is new next time', async () => {
    const before = await warehousePlays();
    expect((await runTransform(deps, { trigger: 'manual' })).status).toBe('nothing-new');

    await putRaw(TOPIC.recentPlays, [play(60)]);
    const next = await runTransform(deps, { trigger: 'manual' });
    expect(next).toMatchObject({ status: 'succeeded', objectsIn: 1 });
    expect(await warehousePlays()).toHaveLength(before.length + 1);

    // A backfill re-reads every object of its days; loading is idempotent.
    const backfill = await runTransform(deps, {
      trigger: 'backfill',
      backfill: { from: '2026-11-20', to: '2026-11-20' },
    });
    expect(backfill.status).toBe('succeeded');
    expect(backfill.loaded!.every((l) => l.merged === 0)).toBe(true);
    expect(await warehousePlays()).toHaveLength(before.length + 1);
  });

  it('leaves the objects of an uncommitted chunk for a later run', async () => {
    const key = await putRaw(TOPIC.recentPlays, [play(90)]);
    const manifest = `_control/pending/raw-lander.recent-plays/${TOPIC.recentPlays}/0.json`;
    await lake.putObject(buckets.raw, manifest, JSON.stringify({ keys: [key] }));
    const count = (await warehousePlays()).length;

    expect(await runTransform(deps, { trigger: 'manual' })).toMatchObject({
      status: 'nothing-new',
      pendingObjects: 1,
    });
    await lake.removeObject(buckets.raw, manifest); // the consumer committed
    expect(await runTransform(deps, { trigger: 'manual' })).toMatchObject({
      status: 'succeeded',
      objectsIn: 1,
    });
    expect(await warehousePlays()).toHaveLength(count + 1);
  });

  it('runs one transform at a time', async () => {
    await putRaw(TOPIC.recentPlays, [play(120)]);
    const results = await Promise.allSettled([
      runTransform(deps, { trigger: 'manual' }),
      runTransform(deps, { trigger: 'manual' }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'RUN_IN_PROGRESS',
    });
  });

  it('fails a run whose load fails, skips the steps after it, and takes the batch again', async () => {
    await putRaw(TOPIC.recentPlays, [play(150)]);
    const count = (await warehousePlays()).length;
    // The warehouse cannot take the batch: its play fact is out of reach for a while.
    await db.raw('alter table warehouse.fct_play rename to fct_play_away');
    let failure: unknown;
    try {
      await runTransform(deps, { trigger: 'manual' }).catch((error: unknown) => (failure = error));
    } finally {
      await db.raw('alter table warehouse.fct_play_away rename to fct_play');
    }
    expect(failure).toMatchObject({ code: 'STEP_FAILED', message: /fct_play/ });
    const runId = (failure as { details: { runId: string } }).details.runId;
    const steps = await db('app.transform_steps').where({ run_id: runId }).select('step', 'status');
    // aggregate comes after load: a failed load leaves the presentation files as they were
    expect(Object.fromEntries(steps.map((s) => [s.step, s.status]))).toMatchObject({
      promote: 'succeeded',
      load: 'failed',
      aggregate: 'skipped',
      checks: 'skipped',
    });
    expect(await db('app.transform_runs').where({ run_id: runId }).first()).toMatchObject({
      status: 'failed',
    });

    expect(await runTransform(deps, { trigger: 'manual' })).toMatchObject({
      status: 'succeeded',
      objectsIn: 1,
    });
    expect(await warehousePlays()).toHaveLength(count + 1);
  });

  it('blocks a batch that breaks a critical expectation, loads none of it, and says why', async () => {
    const count = (await warehousePlays()).length;
    // Plays dated before Spotify existed: every row of the batch fails played_at's range.
    const ancient = [play(0), play(3, 1)].map((line) => {
      line.fields['played_at'] = Date.parse('2001-01-01T00:00:00Z');
      return line;
    });
    await putRaw(TOPIC.recentPlays, ancient, '2001-01-01');

    const result = await runTransform(deps, { trigger: 'manual' });
    expect(result.status).toBe('blocked');
    expect(result.quality!.blocked.map((b) => `${b.model}.${b.expectation}`)).toContainEqual(
      expect.stringMatching(/^plays\..*played_at/),
    );
    expect(await warehousePlays()).toHaveLength(count);
    const run = await db('app.transform_runs').where({ run_id: result.runId }).first();
    expect(run).toMatchObject({ status: 'blocked', error: expect.stringMatching(/played_at/) });
    // Not recorded: the next run takes the batch again (and blocks again, until fixed).
    expect((await runTransform(deps, { trigger: 'manual' })).status).toBe('blocked');
  });
});
