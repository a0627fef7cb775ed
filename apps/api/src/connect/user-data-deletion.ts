import type { Knex } from 'knex';
import type { Client } from 'minio';
import { listObjectKeys } from '@spotify-insights/lake';
import type { Logger } from '@spotify-insights/logging';
import {
  eraseUserFromLake,
  TransformError,
  withTransformLock,
  type LakeBuckets,
} from '@spotify-insights/transform';
import { DashboardError } from './dashboard-error.ts';

/*
 * "Delete my data": a disconnected member's objects in the lake and rows in the
 * warehouse. Objects under a Hive-style `user_id=<id>/` path segment (raw is partitioned
 * that way) are deleted whole; processed and presentation, partitioned by date, have
 * their files rewritten without the member's rows (eraseUserFromLake); warehouse rows go
 * by user_key in every table of the warehouse schema that has one, found from the
 * catalogue so a new fact is never missed.
 */

export interface LakeTarget {
  client: Client;
  buckets: LakeBuckets;
}

export interface DeletionReport {
  /** Objects under user_id=<id>/ deleted whole (raw). */
  objectsDeleted: number;
  /** processed and presentation files written back without the member's rows. */
  lakeFilesRewritten: number;
  /** processed and presentation files deleted: every row in them was the member's. */
  lakeFilesDeleted: number;
  /** The member's rows taken out of those files. */
  lakeRowsRemoved: number;
  warehouseRowsDeleted: number;
}

export const NOTHING_DELETED: DeletionReport = {
  objectsDeleted: 0,
  lakeFilesRewritten: 0,
  lakeFilesDeleted: 0,
  lakeRowsRemoved: 0,
  warehouseRowsDeleted: 0,
};

/** How long a deletion waits for a transform run in progress (one took 43 s on 1M plays). */
const TRANSFORM_WAIT_MS = 120_000;

export function userSegment(userId: string): string {
  return `user_id=${encodeURIComponent(userId)}/`;
}

/** Whether an object key sits under the user's `user_id=<id>/` folder, at any depth. */
export function isUserObject(key: string, userId: string): boolean {
  const segment = userSegment(userId);
  return key.startsWith(segment) || key.includes(`/${segment}`);
}

export async function deleteLakeObjects(lake: LakeTarget, userId: string): Promise<number> {
  let deleted = 0;
  for (const bucket of new Set(Object.values(lake.buckets))) {
    if (!(await lake.client.bucketExists(bucket))) continue;
    const keys = (await listObjectKeys(lake.client, bucket, '')).filter((k) =>
      isUserObject(k, userId),
    );
    for (let i = 0; i < keys.length; i += 1000) {
      await lake.client.removeObjects(bucket, keys.slice(i, i + 1000));
    }
    deleted += keys.length;
  }
  return deleted;
}

/** Deletes the user's fact rows and their dim_user row in one transaction. */
export async function deleteWarehouseRows(db: Knex, userId: string): Promise<number> {
  return db.transaction(async (trx) => {
    const user = (await trx('warehouse.dim_user')
      .where({ spotify_user_id: userId })
      .first('user_key')) as { user_key: string } | undefined;
    if (!user) return 0;
    const tables = (
      await trx.raw<{ rows: { name: string }[] }>(
        `select c.table_name as name
         from information_schema.columns c
         join information_schema.tables t using (table_schema, table_name)
         where c.table_schema = 'warehouse' and c.column_name = 'user_key'
           and t.table_type = 'BASE TABLE' and c.table_name <> 'dim_user'
         order by c.table_name`,
      )
    ).rows;
    let rows = 0;
    for (const { name } of tables)
      rows += await trx
        .withSchema('warehouse')
        .table(name)
        .where({ user_key: user.user_key })
        .delete();
    rows += await trx('warehouse.dim_user').where({ user_key: user.user_key }).delete();
    return rows;
  });
}

/**
 * Everything of the member's, under the transform's lock so no run overlaps: a run could
 * otherwise aggregate rows read before a file was rewritten back into presentation, or
 * load a raw batch of theirs into the warehouse after their rows were deleted. Raw goes
 * first (no later run finds a batch of theirs), then processed and presentation, then
 * the warehouse. Waits for a run in progress; TRANSFORM_RUNNING if it outlasts the wait.
 */
export async function deleteUserData(
  db: Knex,
  lake: LakeTarget | undefined,
  userId: string,
  logger: Logger,
  { transformWaitMs = TRANSFORM_WAIT_MS }: { transformWaitMs?: number } = {},
): Promise<DeletionReport> {
  try {
    return await withTransformLock(
      db,
      async () => {
        const objectsDeleted = lake ? await deleteLakeObjects(lake, userId) : 0;
        const erased = lake
          ? await eraseUserFromLake({ lake: lake.client, buckets: lake.buckets, logger }, userId)
          : { rewritten: 0, deleted: 0, rowsRemoved: 0 };
        const warehouseRowsDeleted = await deleteWarehouseRows(db, userId);
        return {
          objectsDeleted,
          lakeFilesRewritten: erased.rewritten,
          lakeFilesDeleted: erased.deleted,
          lakeRowsRemoved: erased.rowsRemoved,
          warehouseRowsDeleted,
        };
      },
      { waitMs: transformWaitMs },
    );
  } catch (error) {
    if (error instanceof TransformError && error.code === 'RUN_IN_PROGRESS')
      throw new DashboardError(
        'TRANSFORM_RUNNING',
        'a transform run is still in progress; nothing of the member was deleted, try again once it ends',
        { cause: error },
      );
    throw error;
  }
}
