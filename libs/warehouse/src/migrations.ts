import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

/** migrations/ at the repository root: one TypeScript file per step, applied in name order. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', '..', 'migrations');

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.ts$/;

interface MigrationModule {
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/*
 * Our own migration source: knex's default loader does not know that Node 24 runs
 * TypeScript directly, so we list and import the files ourselves.
 */
export function migrationSource(dir: string = MIGRATIONS_DIR): Knex.MigrationSource<string> {
  return {
    getMigrations: async () =>
      readdirSync(dir)
        .filter((f) => MIGRATION_FILE.test(f))
        .sort(),
    getMigrationName: (file) => file,
    getMigration: async (file) =>
      (await import(pathToFileURL(join(dir, file)).href)) as MigrationModule,
  };
}

const TABLE = { tableName: 'knex_migrations', schemaName: 'public' };

export async function migrateLatest(db: Knex, dir?: string): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({
    ...TABLE,
    migrationSource: migrationSource(dir),
  })) as [number, string[]];
  return applied;
}

export async function migrateRollbackAll(db: Knex, dir?: string): Promise<string[]> {
  const [, reverted] = (await db.migrate.rollback(
    { ...TABLE, migrationSource: migrationSource(dir) },
    true,
  )) as [number, string[]];
  return reverted;
}
