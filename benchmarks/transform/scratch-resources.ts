import type { Knex } from 'knex';
import type { Client } from 'minio';
import type { AppConfig } from '@spotify-insights/config';
import { removeBucketAndObjects } from '@spotify-insights/lake';
import type { LakeBuckets } from '@spotify-insights/transform';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';
import { bestEffort } from '../shared/best-effort.ts';

/*
 * What a run creates on the shared stack, named after the run so it neither sees nor
 * disturbs anyone's data: three buckets (raw, processed, presentation) and a migrated
 * warehouse in a database of its own. The transform's history, lock and merges all
 * happen in that database. A raw bucket passed in (kept by an earlier run) is used as
 * it is and left in place.
 */
export interface ScratchResources {
  buckets: LakeBuckets;
  database: string;
  /** The run's warehouse (pool of 4: the transform, its step watcher, the baseline). */
  db: Knex;
  /** Removes what this run created, best effort; returns what could not be removed. */
  remove(options: { keepRaw: boolean }): Promise<string[]>;
}

export async function createScratchResources(
  config: AppConfig,
  lake: Client,
  runTag: string,
  existingRawBucket?: string,
): Promise<ScratchResources> {
  const buckets: LakeBuckets = {
    raw: existingRawBucket ?? `bench-transform-raw-${runTag}`,
    processed: `bench-transform-processed-${runTag}`,
    presentation: `bench-transform-presentation-${runTag}`,
  };
  const ownBuckets = Object.values(buckets).filter((b) => b !== existingRawBucket);
  const database = `bench_transform_${runTag.replaceAll('-', '_')}`;
  const admin = createWarehouseDb(config.warehouse, { poolMax: 1 });
  const url = new URL(config.warehouse.url);
  url.pathname = `/${database}`;
  const db = createWarehouseDb({ url: url.toString() }, { poolMax: 4 });

  const remove = async ({ keepRaw }: { keepRaw: boolean }) => {
    const { problems, attempt } = bestEffort();
    for (const bucket of ownBuckets.filter((b) => !(keepRaw && b === buckets.raw)))
      await attempt(`remove bucket ${bucket}`, () => removeBucketAndObjects(lake, bucket));
    await attempt('close the warehouse pool', () => db.destroy());
    await attempt(`drop database ${database}`, () =>
      admin.raw('drop database if exists ?? with (force)', [database]),
    );
    await admin.destroy().catch(() => undefined);
    return problems;
  };

  try {
    for (const bucket of ownBuckets) await lake.makeBucket(bucket);
    if (existingRawBucket && !(await lake.bucketExists(existingRawBucket)))
      throw new Error(`raw bucket ${existingRawBucket} does not exist`);
    await admin.raw('create database ??', [database]);
    await prepareWarehouse(db, config.warehouse);
  } catch (error) {
    await remove({ keepRaw: false });
    throw error;
  }
  return { buckets, database, db, remove };
}
