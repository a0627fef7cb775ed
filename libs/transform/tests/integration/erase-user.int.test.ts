import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Knex } from 'knex';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  createLakeClient,
  listObjectKeys,
  removeBucketAndObjects,
  toNdjson,
} from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { createScratchDatabase, type ScratchDatabase } from '@spotify-insights/warehouse';
import {
  eraseUserFromLake,
  runTransform,
  withTransformLock,
  type LakeBuckets,
  type TransformDeps,
} from '../../src/index.ts';
import {
  fixtureLine,
  fixtureLines,
  TOPIC,
  type RawLine,
} from '../../src/test-support/raw-fixtures.ts';

/*
 * "Delete my data" in processed and presentation, on the real stack: the real transform
 * writes both from raw lines of three friends (buckets of this test's own), one friend is
 * erased, and every file is compared with what it held before, read back independently
 * of the code under test: a row is the erased friend's when a user_id/user_a/user_b
 * column holds their id.
 */
const config = loadConfig();
const suffix = `${process.pid}-${Date.now() % 100_000}`;
const buckets: LakeBuckets = {
  raw: `it-erase-raw-${suffix}`,
  processed: `it-erase-processed-${suffix}`,
  presentation: `it-erase-presentation-${suffix}`,
};
const ERASED = 'boris.sim';
const KEPT = ['ayaka.sim', 'carla.sim'];
const MEMBER_COLUMN = /^(user_id|user_[a-z])$/;

let scratch: ScratchDatabase;
let db: Knex;
let lake: Client;
let deps: TransformDeps;
let duck: DuckDBInstance;
let conn: DuckDBConnection;
let work: string;
let objectCount = 0;

/** A recently-played line of `user` at `iso`, with the fixture's first track. */
function play(user: string, iso: string): RawLine {
  const line = fixtureLine(TOPIC.recentPlays, 0);
  const at = Date.parse(iso);
  line.envelope.user_id = user;
  line.fields['played_at'] = at;
  line.item.played_at = new Date(at).toISOString();
  return line;
}

async function putRaw(topic: string, lines: RawLine[], date = '2026-11-20'): Promise<void> {
  const first = objectCount++ * 1000;
  const key = `${topic}/user_id=mixed/date=${date}/0-${first}-${first + lines.length - 1}.ndjson`;
  await lake.putObject(buckets.raw, key, toNdjson(lines));
}

interface FileRows {
  /** The object's bytes, to tell an untouched file. */
  bytes: string;
  /** Its rows as JSON lines, sorted; undefined for a file that is not a table. */
  rows?: string[];
  memberColumns: string[];
}

/** Every object of a bucket, with the rows of its Parquet and CSV tables. */
async function snapshot(bucket: string): Promise<Map<string, FileRows>> {
  const files = new Map<string, FileRows>();
  for (const key of await listObjectKeys(lake, bucket, '')) {
    const chunks: Buffer[] = [];
    for await (const chunk of await lake.getObject(bucket, key)) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const path = join(work, key.replaceAll('/', '__'));
    await writeFile(path, bytes);
    const source = key.endsWith('.parquet')
      ? `read_parquet('${path}', hive_partitioning = false)`
      : key.endsWith('.csv')
        ? `read_csv('${path}', header = true, all_varchar = true)`
        : undefined;
    if (!source) {
      files.set(key, { bytes: bytes.toString('base64'), memberColumns: [] });
      continue;
    }
    const rows = (await conn.runAndReadAll(`SELECT * FROM ${source}`)).getRowObjectsJson();
    const columns = rows[0] ? Object.keys(rows[0]) : [];
    files.set(key, {
      bytes: bytes.toString('base64'),
      rows: rows.map((r) => JSON.stringify(r)).sort(),
      memberColumns: columns.filter((c) => MEMBER_COLUMN.test(c)),
    });
  }
  return files;
}

const isErased = (file: FileRows) => (row: string) => {
  const values = JSON.parse(row) as Record<string, unknown>;
  return file.memberColumns.some((c) => values[c] === ERASED);
};

beforeAll(async () => {
  scratch = await createScratchDatabase(config.warehouse, 'erase_user');
  db = scratch.db;
  lake = createLakeClient(config.lake);
  for (const bucket of Object.values(buckets)) await lake.makeBucket(bucket);
  deps = { db, lake, logger: createLogger('erase-test', { level: 'error' }), buckets };
  duck = await DuckDBInstance.create(':memory:');
  conn = await duck.connect();
  work = await mkdtemp(join(tmpdir(), 'erase-it-'));
});

afterAll(async () => {
  for (const bucket of Object.values(buckets)) {
    await removeBucketAndObjects(lake, bucket).catch(() => undefined);
  }
  conn?.closeSync();
  duck?.closeSync();
  if (work) await rm(work, { recursive: true, force: true });
  await scratch?.drop();
});

describe('eraseUserFromLake (processed and presentation)', () => {
  it('takes the member out of every file that mixes users, deletes theirs alone, leaves the rest', async () => {
    // Every source's fixture lines (ayaka and boris), carla's plays beside them, and a
    // day of boris's alone, so one processed file holds nobody else.
    for (const topic of Object.values(TOPIC)) await putRaw(topic, fixtureLines(topic));
    await putRaw(TOPIC.recentPlays, [
      play('carla.sim', '2026-11-20T09:00:00Z'),
      play('carla.sim', '2026-11-20T09:05:00Z'),
    ]);
    await putRaw(TOPIC.recentPlays, [play(ERASED, '2026-11-10T09:00:00Z')], '2026-11-10');
    expect((await runTransform(deps, { trigger: 'manual' })).status).toBe('succeeded');

    const before = new Map([
      ...[...(await snapshot(buckets.processed))].map(([k, v]) => [`processed:${k}`, v] as const),
      ...[...(await snapshot(buckets.presentation))].map(
        ([k, v]) => [`presentation:${k}`, v] as const,
      ),
    ]);
    // what is about to be checked is really there
    const onlyTheirs = [...before.keys()].find((k) =>
      k.startsWith('processed:plays/played_date=2026-11-10/'),
    );
    expect(onlyTheirs).toBeDefined();
    const overlapBefore = before.get('presentation:group_overlap/group_overlap.csv')!;
    expect(overlapBefore.rows).toHaveLength(3); // three friends, three pairs

    const erased = await withTransformLock(db, () =>
      eraseUserFromLake({ lake, buckets, logger: deps.logger }, ERASED),
    );

    const after = new Map([
      ...[...(await snapshot(buckets.processed))].map(([k, v]) => [`processed:${k}`, v] as const),
      ...[...(await snapshot(buckets.presentation))].map(
        ([k, v]) => [`presentation:${k}`, v] as const,
      ),
    ]);
    let rewritten = 0;
    let deleted = 0;
    let rowsRemoved = 0;
    for (const [key, was] of before) {
      const mine = (was.rows ?? []).filter(isErased(was));
      const kept = (was.rows ?? []).filter((row) => !isErased(was)(row));
      const now = after.get(key);
      if (mine.length === 0) {
        // nothing of the member: the very same bytes (tracks, artists, charts, reports…)
        expect(now?.bytes, key).toBe(was.bytes);
        continue;
      }
      rowsRemoved += mine.length;
      if (kept.length === 0) {
        expect(now, `${key} held only ${ERASED}'s rows`).toBeUndefined();
        deleted++;
      } else {
        // the others' rows exactly as they were, in the same format under the same key
        expect(now?.rows, key).toEqual(kept);
        rewritten++;
      }
    }
    expect([...after.keys()].filter((k) => !before.has(k))).toEqual([]);
    expect(erased).toEqual({ rewritten, deleted, rowsRemoved });
    // the kinds of file the test means to cover were all there
    expect(after.has(onlyTheirs!)).toBe(false);
    expect(after.get('presentation:group_overlap/group_overlap.csv')?.rows).toHaveLength(1);
    expect(after.get('presentation:group_overlap/group_overlap.parquet')?.rows).toHaveLength(1);
    for (const key of ['processed:users/', 'processed:plays/', 'presentation:streaks/'])
      expect(
        [...after.keys()].some((k) => k.startsWith(key)),
        key,
      ).toBe(true);
    // the other friends are still everywhere they were
    const everyone = (files: Map<string, FileRows>) =>
      new Set(
        [...files.values()]
          .flatMap((f) => f.rows ?? [])
          .join('\n')
          .match(/[a-z]+\.sim/g),
      );
    // …and the member nowhere but as the owner of a tracked playlist, which stays, as the
    // warehouse's dim_playlist does (user-columns.ts says why)
    const playlists = (key: string) => key.startsWith('processed:playlists/');
    expect([...everyone(new Map([...after].filter(([k]) => !playlists(k))))].sort()).toEqual(KEPT);
    expect([...everyone(new Map([...after].filter(([k]) => playlists(k))))]).toContain(ERASED);

    // Erasing again finds nothing; a later run rebuilds presentation without the member.
    expect(
      await withTransformLock(db, () =>
        eraseUserFromLake({ lake, buckets, logger: deps.logger }, ERASED),
      ),
    ).toEqual({ rewritten: 0, deleted: 0, rowsRemoved: 0 });
    await putRaw(TOPIC.recentPlays, [play('ayaka.sim', '2026-11-21T10:00:00Z')], '2026-11-21');
    expect((await runTransform(deps, { trigger: 'manual' })).status).toBe('succeeded');
    const rebuilt = await snapshot(buckets.presentation);
    expect([...rebuilt.values()].flatMap((f) => f.rows ?? []).join('\n')).not.toContain(ERASED);
    expect(rebuilt.get('group_overlap/group_overlap.csv')?.rows).toHaveLength(1);
  });

  it('a transform run waits for the lock an erase holds, and an erase waits for a run', async () => {
    let release!: () => void;
    const held = withTransformLock(db, () => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(runTransform(deps, { trigger: 'manual' })).rejects.toMatchObject({
      code: 'RUN_IN_PROGRESS',
    });
    const waiting = withTransformLock(db, async () => 'got it', { waitMs: 10_000 });
    setTimeout(() => release(), 300);
    await held;
    expect(await waiting).toBe('got it');
  });
});
