import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Knex } from 'knex';
import type { Client } from 'minio';
import { LAKE_BUCKETS } from '@spotify-insights/lake';
import type { Logger } from '@spotify-insights/logging';
import {
  buildQualityReport,
  qualityReportKeys,
  renderQualityReportHtml,
  renderQualityReportJson,
  type QualityReport,
} from '@spotify-insights/quality';
import {
  loadBatch,
  LOAD_ORDER,
  preparePlayFacts,
  PLAY_FACT_TABLES,
  type ModelCsv,
  type ModelLoadResult,
  type PlayFactModel,
  type PlayFactSources,
  type ProcessedModel,
} from '@spotify-insights/warehouse';
import { exportLoaderCsv } from './duckdb-contract.ts';
import { duckDbPlayFactSource } from './duckdb-play-facts.ts';
import { downloadObjects } from './lake-files.ts';
import { buildPresentationFromProcessed } from './presentation-step.ts';
import { discoverRawObjects, recordRawObjects, type DateRange } from './raw-discovery.ts';
import { RunLog, type RunTrigger } from './run-log.ts';
import { buildBatchModels, promoteBatch } from './batch-models.ts';
import { TransformError } from '../transform-error.ts';
import { withTransformLock } from './transform-lock.ts';

export interface TransformDeps {
  db: Knex;
  lake: Client;
  logger: Logger;
  now?: () => Date;
  /** The lake's buckets; tests pass their own so they never see anyone else's objects. */
  buckets?: LakeBuckets;
}

export interface LakeBuckets {
  raw: string;
  processed: string;
  presentation: string;
}

export interface TransformOptions {
  trigger: RunTrigger;
  backfill?: DateRange;
  runId?: string;
}

export interface TransformRunResult {
  runId: string;
  status: 'succeeded' | 'blocked' | 'nothing-new';
  objectsIn: number;
  pendingObjects: number;
  quality?: QualityReport;
  loaded?: ModelLoadResult[];
}

export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 6)}`;
}

async function openDuckDb(): Promise<{ conn: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  // Timestamps leave DuckDB (CSV for the loader) in UTC, whatever the machine's zone.
  await conn.run(`SET TimeZone = 'UTC'`);
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * One run of the transform DAG, under the transform lock:
 *   discover   committed raw objects no successful run took in (or a backfill's range)
 *   validate   stage them in DuckDB, build the typed models, check their expectations
 *   promote    passed rows to `processed` as Parquet by date, failed rows to quarantine
 *   load       the batch into the star schema (COPY + merge, idempotent; new plays are
 *              joined to their keys in DuckDB and COPied straight into the fact)
 *   aggregate  the presentation aggregates over all of `processed`, as Parquet and CSV
 *   checks     the quality report to `presentation/quality/<run>/`, the objects recorded
 * A critical expectation failing stops the run after `validate` (status `blocked`, the
 * report says why); the objects stay unrecorded, so the next run takes them again.
 */
export async function runTransform(
  deps: TransformDeps,
  options: TransformOptions,
): Promise<TransformRunResult> {
  return withTransformLock(deps.db, () => runLocked(deps, options));
}

async function runLocked(
  deps: TransformDeps,
  options: TransformOptions,
): Promise<TransformRunResult> {
  const { db, lake } = deps;
  const buckets = deps.buckets ?? LAKE_BUCKETS;
  const now = (deps.now ?? (() => new Date()))();
  const runId = options.runId ?? newRunId(now);
  const log = deps.logger.child({ runId });
  const run = await RunLog.start(db, runId, options.trigger, options.backfill);
  const work = await mkdtemp(join(tmpdir(), `transform-${runId}-`));
  const duck = await openDuckDb();
  // the load's preparation, when promote started it (see below): settled before DuckDB closes
  let loadPreparation: Promise<void> | undefined;
  let totals = { objectsIn: 0, rowsIn: 0, rowsOut: 0, rowsQuarantined: 0 };
  try {
    const discovery = await run.step(
      'discover',
      () => discoverRawObjects(lake, buckets.raw, db, options.backfill),
      (found) => ({ objects: found.objects.length, pending: found.pending }),
    );
    const objects = discovery.objects;
    totals.objectsIn = objects.length;
    if (objects.length === 0) {
      log.info('no new raw objects', { pending: discovery.pending });
      await run.finish('succeeded', totals);
      return { runId, status: 'nothing-new', objectsIn: 0, pendingObjects: discovery.pending };
    }

    const report = await run.step(
      'validate',
      async () => {
        const rawDir = join(work, 'raw');
        await mkdir(rawDir, { recursive: true });
        const paths = await downloadObjects(
          lake,
          buckets.raw,
          objects.map((o) => o.key),
          rawDir,
        );
        const files = objects.map((o, i) => ({ topic: o.topic, path: paths[i]! }));
        const results = await buildBatchModels(duck.conn, files, now);
        return buildQualityReport({ runId, startedAt: now, models: results });
      },
      (built) => ({ ...built.totals }),
    );
    totals = {
      ...totals,
      rowsIn: report.totals.rowsIn,
      rowsOut: report.totals.rowsPassed,
      rowsQuarantined: report.totals.rowsQuarantined,
    };
    await writeQualityReport(lake, buckets.presentation, work, report);
    if (report.blocked.length > 0) {
      const reasons = report.blocked.map((b) => `${b.model}.${b.expectation}: ${b.reason}`);
      log.warn('batch blocked by critical expectations', { reasons });
      await run.finish('blocked', totals, reasons.join('; '));
      return {
        runId,
        status: 'blocked',
        objectsIn: objects.length,
        pendingObjects: discovery.pending,
        quality: report,
      };
    }

    // play facts: DuckDB resolves their keys once the load has merged the dimensions
    const csvDir = join(work, 'csv');
    const playFacts: PlayFactSources = {};
    for (const model of Object.keys(PLAY_FACT_TABLES) as PlayFactModel[])
      playFacts[model] = duckDbPlayFactSource(duck.conn, model, `${model}__passed`, csvDir);
    await run.step(
      'promote',
      () =>
        promoteBatch(duck.conn, lake, buckets.processed, join(work, 'processed'), runId, {
          // The play facts' work that needs no warehouse key (sorting and encoding the
          // rows, play-fact-copy.ts's prepare) runs while the files upload: DuckDB is
          // idle then, and the load finds it done. A failure shows in the load, which
          // asks for the same preparation.
          whileUploading: () => {
            loadPreparation ??= preparePlayFacts(playFacts, runId).catch(() => undefined);
          },
        }),
      (keys) => ({ objects: keys.length }),
    );
    // load before aggregate: the warehouse (its marts are views over the facts) is
    // queryable as soon as the load commits, and the load's PostgreSQL backend, its DuckDB
    // source and the COPY encoder get the cores to themselves. Side by side on 2 cores the
    // aggregate's DuckDB threads starved the COPY (1M plays: load 9.1 s instead of 7.1 s)
    // and the run as a whole was no faster (44.5 s against 45.2 s).
    const loaded = await run.step(
      'load',
      async () => {
        await mkdir(csvDir, { recursive: true });
        const inputs: Partial<Record<ProcessedModel, ModelCsv>> = {};
        for (const model of LOAD_ORDER) {
          if (model in PLAY_FACT_TABLES) continue;
          const path = join(csvDir, `${model}.csv`);
          await exportLoaderCsv(duck.conn, model, `${model}__passed`, path);
          inputs[model] = () => createReadStream(path);
        }
        return loadBatch(db, runId, inputs, playFacts);
      },
      (results) => Object.fromEntries(results.map((r) => [r.model, r.merged])),
    );
    await run.step(
      'aggregate',
      () => buildPresentationFromProcessed(lake, buckets, join(work, 'presentation'), now),
      (aggregates) => Object.fromEntries(aggregates.map((a) => [a.name, a.rows])),
    );
    await run.step(
      'checks',
      () => recordRawObjects(db, runId, objects),
      () => ({ recordedObjects: objects.length }),
    );
    await run.finish('succeeded', totals);
    log.info('transform run succeeded', totals);
    return {
      runId,
      status: 'succeeded',
      objectsIn: objects.length,
      pendingObjects: discovery.pending,
      quality: report,
      loaded,
    };
  } catch (error) {
    const message = (error as Error).message;
    log.error('transform run failed', { error });
    await run.finish('failed', totals, message).catch(() => undefined);
    if (error instanceof TransformError) throw error;
    throw new TransformError(
      'STEP_FAILED',
      `transform run ${runId} failed: ${message}`,
      { runId },
      error,
    );
  } finally {
    await loadPreparation;
    duck.close();
    await rm(work, { recursive: true, force: true });
  }
}

async function writeQualityReport(
  lake: Client,
  bucket: string,
  work: string,
  report: QualityReport,
) {
  const keys = qualityReportKeys(report.runId);
  const dir = join(work, 'quality');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), renderQualityReportJson(report));
  await writeFile(join(dir, 'report.html'), renderQualityReportHtml(report));
  await lake.fPutObject(bucket, keys.json, join(dir, 'report.json'), {
    'Content-Type': 'application/json',
  });
  await lake.fPutObject(bucket, keys.html, join(dir, 'report.html'), {
    'Content-Type': 'text/html; charset=utf-8',
  });
}
