import type { Knex } from 'knex';
import { migrateLatest } from './migrations.ts';

/** The read-only role for BI tools, created (NOLOGIN) by the bi_reader_role migration. */
export const BI_READER_ROLE = 'bi_reader';

/*
 * Migrations cannot read the configuration, so the role they create cannot log in; this
 * gives it LOGIN with the configured password. Whatever migrates the warehouse (the demo,
 * the transform) calls it after migrateLatest. Roles are cluster-wide: every database of
 * the cluster sees the password last set. PostgreSQL quotes the password (format %L) and
 * stores it hashed (SCRAM), so any character is safe.
 */
export async function ensureBiReaderLogin(db: Knex, password: string): Promise<void> {
  const result = await db.raw<{ rows: { statement: string }[] }>(
    'select format(?, ?::text, ?::text) as statement',
    ['alter role %I with login password %L', BI_READER_ROLE, password],
  );
  await db.raw(result.rows[0]!.statement);
}

/** The URL of `warehouseUrl`'s database for bi_reader: what psql, PowerBI and Grafana use. */
export function biReaderUrl(warehouseUrl: string, password: string): string {
  const url = new URL(warehouseUrl);
  url.username = BI_READER_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * What every process that owns the warehouse does at start (the demo, the transform):
 * apply pending migrations, then let bi_reader log in. Returns the migrations applied.
 */
export async function prepareWarehouse(
  db: Knex,
  warehouse: { biReaderPassword: string },
): Promise<string[]> {
  const applied = await migrateLatest(db);
  await ensureBiReaderLogin(db, warehouse.biReaderPassword);
  return applied;
}
