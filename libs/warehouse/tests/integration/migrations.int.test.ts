import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import type { Knex } from 'knex';
import {
  createWarehouseDb,
  migrateLatest,
  migrateRollbackAll,
  migrationSource,
} from '../../src/index.ts';

/*
 * Runs against the real PostgreSQL of the local stack, in a database of its own so the
 * demo's data is untouched.
 */
const config = loadConfig();
const testDb = `migrations_test_${process.pid}`;
let admin: Knex;
let db: Knex;

beforeAll(async () => {
  admin = createWarehouseDb(config.warehouse, { poolMax: 1 });
  await admin.raw(`create database ${testDb}`);
  const url = new URL(config.warehouse.url);
  url.pathname = `/${testDb}`;
  db = createWarehouseDb({ url: url.toString() });
});

afterAll(async () => {
  await db?.destroy();
  await admin?.raw(`drop database if exists ${testDb} with (force)`);
  await admin?.destroy();
});

async function tableExists(schema: string, table: string): Promise<boolean> {
  const result = await db.raw('select to_regclass(?) as t', [`${schema}.${table}`]);
  return result.rows[0].t !== null;
}

describe('warehouse migrations (real PostgreSQL)', () => {
  it('lists the migration files in order', async () => {
    const files = await migrationSource().getMigrations([]);
    expect(files.length).toBeGreaterThan(0);
    expect([...files].sort()).toEqual(files);
  });

  it('migrates up from an empty database, then all the way down, then up again', async () => {
    const applied = await migrateLatest(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(await tableExists('app', 'pipeline_heartbeats')).toBe(true);
    expect(await tableExists('warehouse', 'fct_play')).toBe(true);
    expect(await tableExists('marts', 'sessions')).toBe(true);
    const schemas = await db.raw(
      "select schema_name from information_schema.schemata where schema_name in ('app','warehouse','marts') order by 1",
    );
    expect(schemas.rows.map((r: { schema_name: string }) => r.schema_name)).toEqual([
      'app',
      'marts',
      'warehouse',
    ]);

    expect(await migrateLatest(db)).toEqual([]);

    const reverted = await migrateRollbackAll(db);
    expect(reverted.sort()).toEqual([...applied].sort());
    expect(await tableExists('app', 'pipeline_heartbeats')).toBe(false);
    expect(await tableExists('warehouse', 'fct_play')).toBe(false);
    expect(await tableExists('marts', 'sessions')).toBe(false);

    expect(await migrateLatest(db)).toEqual(applied);
  });
});
