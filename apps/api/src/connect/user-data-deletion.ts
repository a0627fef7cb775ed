import type { Knex } from 'knex';
import type { Client } from 'minio';
import { listObjectKeys } from '@spotify-insights/lake';

/*
 * "Delete my data": a disconnected member's objects in the lake and rows in the
 * warehouse. Lake objects are found by their Hive-style `user_id=<id>/` path segment
 * (raw is partitioned that way); warehouse rows by user_key in every table of the
 * warehouse schema that has one, found from the catalogue so a new fact is never missed.
 */

export interface LakeTarget {
  client: Client;
  /** Buckets to search (raw, processed, presentation). */
  buckets: readonly string[];
}

export interface DeletionReport {
  objectsDeleted: number;
  warehouseRowsDeleted: number;
}

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
  for (const bucket of lake.buckets) {
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

export async function deleteUserData(
  db: Knex,
  lake: LakeTarget | undefined,
  userId: string,
): Promise<DeletionReport> {
  const warehouseRowsDeleted = await deleteWarehouseRows(db, userId);
  const objectsDeleted = lake ? await deleteLakeObjects(lake, userId) : 0;
  return { objectsDeleted, warehouseRowsDeleted };
}
