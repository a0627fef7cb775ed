import type { Knex } from 'knex';
import type { AppConfig } from '@spotify-insights/config';
import { prepareWarehouse } from './bi-reader.ts';
import { createWarehouseDb } from './warehouse-db.ts';

export interface ScratchDatabase {
  /** The database's URL for the configured owner (for child processes, pg-boss). */
  url: string;
  /** Migrated, with bi_reader able to log in. */
  db: Knex;
  drop(): Promise<void>;
}

/**
 * A migrated warehouse in a database of its own, `<name>_<pid>`, on the configured
 * PostgreSQL: what tests and benchmarks use so they never see nor change anyone else's
 * data (the demo's, a parallel run's). `drop()` removes it.
 */
export async function createScratchDatabase(
  warehouse: AppConfig['warehouse'],
  name: string,
  options: { poolMax?: number } = {},
): Promise<ScratchDatabase> {
  const database = `${name}_${process.pid}`;
  const admin = createWarehouseDb(warehouse, { poolMax: 1 });
  await admin.raw('drop database if exists ?? with (force)', [database]);
  await admin.raw('create database ??', [database]);
  const target = new URL(warehouse.url);
  target.pathname = `/${database}`;
  const url = target.toString();
  const db = createWarehouseDb({ url }, { poolMax: options.poolMax ?? 4 });
  await prepareWarehouse(db, warehouse);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await admin.raw('drop database if exists ?? with (force)', [database]);
      await admin.destroy();
    },
  };
}
