import type { Knex } from 'knex';
import { loadConfig } from '@spotify-insights/config';
import {
  biReaderUrl,
  createWarehouseDb,
  ensureBiReaderLogin,
  migrateLatest,
} from '../../src/index.ts';

/** A migrated warehouse in a database of its own, seen as its owner and as bi_reader. */
export interface ScratchWarehouse {
  /** The owner (the configured user): loads fixtures, inspects the catalog. */
  owner: Knex;
  /** The read-only BI role, logged in with the configured BI_READER_PASSWORD. */
  biReader: Knex;
  drop(): Promise<void>;
}

/*
 * Tests share one PostgreSQL with other people's runs: each gets its own database
 * (named after the test and the process), so the demo's data and parallel runs are
 * untouched, and drops it at the end.
 */
export async function createScratchWarehouse(name: string): Promise<ScratchWarehouse> {
  const config = loadConfig();
  const database = `${name}_${process.pid}`;
  const admin = createWarehouseDb(config.warehouse, { poolMax: 1 });
  await admin.raw('drop database if exists ?? with (force)', [database]);
  await admin.raw('create database ??', [database]);
  const url = new URL(config.warehouse.url);
  url.pathname = `/${database}`;

  const owner = createWarehouseDb({ url: url.toString() }, { poolMax: 2 });
  await migrateLatest(owner);
  await ensureBiReaderLogin(owner, config.warehouse.biReaderPassword);
  const biReader = createWarehouseDb(
    { url: biReaderUrl(url.toString(), config.warehouse.biReaderPassword) },
    { poolMax: 1 },
  );

  return {
    owner,
    biReader,
    async drop() {
      await biReader.destroy();
      await owner.destroy();
      await admin.raw('drop database if exists ?? with (force)', [database]);
      await admin.destroy();
    },
  };
}
