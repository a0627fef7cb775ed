import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { createScratchDatabase, type ScratchDatabase } from '@spotify-insights/warehouse';
import { startTransformScheduler, type LakeBuckets } from '../../src/index.ts';

/*
 * The schedule runs through pg-boss in the real PostgreSQL (its own database here):
 * a job requested now is picked up by a worker and recorded as a run, and two
 * scheduler instances never run the DAG twice at once.
 */
const config = loadConfig();
const suffix = `${process.pid}-${Date.now() % 100_000}`;
const buckets: LakeBuckets = {
  raw: `it-sched-raw-${suffix}`,
  processed: `it-sched-processed-${suffix}`,
  presentation: `it-sched-presentation-${suffix}`,
};
let scratch: ScratchDatabase;
let db: Knex;
let lake: Client;
let url: string;

beforeAll(async () => {
  scratch = await createScratchDatabase(config.warehouse, 'transform_sched');
  db = scratch.db;
  url = scratch.url;
  lake = createLakeClient(config.lake);
  for (const bucket of Object.values(buckets)) await lake.makeBucket(bucket);
});

afterAll(async () => {
  for (const bucket of Object.values(buckets)) await lake.removeBucket(bucket).catch(() => {});
  await scratch?.drop();
});

async function runsRecorded(): Promise<Array<{ trigger: string; status: string }>> {
  return db('app.transform_runs').select('trigger', 'status').orderBy('started_at');
}

describe('the transform schedule (pg-boss)', () => {
  it('runs a requested job once, recorded like any run, with two instances up', async () => {
    const logger = createLogger('transform-scheduler-test', { level: 'error' });
    const deps = { db, lake, logger, buckets };
    // A schedule that does not fire during the test: only the requested job runs.
    const never = '0 0 1 1 *';
    const first = await startTransformScheduler(url, never, deps, logger);
    const second = await startTransformScheduler(url, never, deps, logger);
    try {
      expect(await first.request({ trigger: 'manual' })).toEqual(expect.any(String));
      const deadline = Date.now() + 30_000;
      while ((await runsRecorded()).length === 0 && Date.now() < deadline) await sleep(250);
      await sleep(2000); // would a second instance also run it?
      expect(await runsRecorded()).toEqual([{ trigger: 'manual', status: 'succeeded' }]);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
