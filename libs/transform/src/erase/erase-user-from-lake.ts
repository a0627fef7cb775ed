import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Client } from 'minio';
import { LAKE_BUCKETS, listObjectKeys } from '@spotify-insights/lake';
import type { Logger } from '@spotify-insights/logging';
import { downloadObjects } from '../run/lake-files.ts';
import type { LakeBuckets } from '../run/run-transform.ts';
import { eraseUserRows } from './erase-user-rows.ts';
import { userTableFile, type LakeLayer, type UserTableFile } from './user-columns.ts';

export interface EraseUserDeps {
  lake: Client;
  logger: Logger;
  /** The lake's buckets (only processed and presentation are read); tests pass their own. */
  buckets?: Pick<LakeBuckets, 'processed' | 'presentation'>;
}

/** What erasing one member took out of `processed` and `presentation`. */
export interface LakeErasure {
  /** Files written back without the member's rows. */
  rewritten: number;
  /** Files deleted because every row in them was the member's. */
  deleted: number;
  /** The member's rows taken out, over both. */
  rowsRemoved: number;
}

/** Files downloaded at once: bounds the disk a big lake takes in the temp folder. */
const FILES_PER_BATCH = 32;

const LAYERS: readonly LakeLayer[] = ['processed', 'presentation'];

/**
 * "Delete my data" in the transform's buckets, which are partitioned by date, not by
 * user, so one file mixes the group's rows: every file of a table with user columns
 * (user-columns.ts) is read in DuckDB and, when it holds rows of the member, written
 * back under the same key and format without them, or deleted when none remain. Tables
 * without user columns, quality reports and anything else stay as they are.
 *
 * Run it under the transform lock (withTransformLock): a transform run in between could
 * aggregate rows read before the rewrite back into presentation, or promote a batch of
 * the member's. A failure part way leaves some files rewritten; running it again is
 * safe (a rewritten file holds none of the member's rows and stays untouched).
 */
export async function eraseUserFromLake(deps: EraseUserDeps, userId: string): Promise<LakeErasure> {
  const buckets = deps.buckets ?? LAKE_BUCKETS;
  const total: LakeErasure = { rewritten: 0, deleted: 0, rowsRemoved: 0 };
  const work = await mkdtemp(join(tmpdir(), 'erase-user-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    // timestamps of rewritten Parquet keep their type; this only fixes how DuckDB shows them
    await conn.run(`SET TimeZone = 'UTC'`);
    for (const layer of LAYERS) {
      const bucket = buckets[layer];
      if (!(await deps.lake.bucketExists(bucket))) continue;
      const files = (await listObjectKeys(deps.lake, bucket, ''))
        .map((key) => ({ key, table: userTableFile(layer, key) }))
        .filter((f): f is { key: string; table: UserTableFile } => f.table !== undefined);
      const erased: LakeErasure = { rewritten: 0, deleted: 0, rowsRemoved: 0 };
      for (let i = 0; i < files.length; i += FILES_PER_BATCH) {
        const batch = files.slice(i, i + FILES_PER_BATCH);
        const dir = join(work, `${layer}-${i}`);
        await eraseBatch(conn, deps.lake, bucket, dir, batch, userId, erased);
        await rm(dir, { recursive: true, force: true });
      }
      deps.logger.info('member erased from lake files', {
        userId,
        bucket,
        filesRead: files.length,
        ...erased,
      });
      total.rewritten += erased.rewritten;
      total.deleted += erased.deleted;
      total.rowsRemoved += erased.rowsRemoved;
    }
    return total;
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(work, { recursive: true, force: true });
  }
}

async function eraseBatch(
  conn: DuckDBConnection,
  lake: Client,
  bucket: string,
  dir: string,
  files: ReadonlyArray<{ key: string; table: UserTableFile }>,
  userId: string,
  erased: LakeErasure,
): Promise<void> {
  const inDir = join(dir, 'in');
  const outDir = join(dir, 'out');
  await mkdir(inDir, { recursive: true });
  await mkdir(outDir, { recursive: true });
  const paths = await downloadObjects(
    lake,
    bucket,
    files.map((f) => f.key),
    inDir,
  );
  for (const [i, { key, table }] of files.entries()) {
    // same file name as downloaded, so the upload's content type follows the extension
    const output = join(outDir, key.replaceAll('/', '__'));
    const result = await eraseUserRows(conn, {
      input: paths[i]!,
      output,
      format: table.format,
      userColumns: table.userColumns,
      userId,
    });
    if (result.outcome === 'untouched') continue;
    if (result.outcome === 'emptied') {
      await lake.removeObject(bucket, key);
      erased.deleted++;
    } else {
      await lake.fPutObject(bucket, key, output);
      erased.rewritten++;
    }
    erased.rowsRemoved += result.rowsRemoved;
  }
}
