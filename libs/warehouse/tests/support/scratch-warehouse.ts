import type { Knex } from 'knex';
import { loadConfig } from '@spotify-insights/config';
import { biReaderUrl, createScratchDatabase, createWarehouseDb } from '../../src/index.ts';

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
  const scratch = await createScratchDatabase(config.warehouse, name, { poolMax: 2 });
  const biReader = createWarehouseDb(
    { url: biReaderUrl(scratch.url, config.warehouse.biReaderPassword) },
    { poolMax: 1 },
  );

  return {
    owner: scratch.db,
    biReader,
    async drop() {
      await biReader.destroy();
      await scratch.drop();
    },
  };
}
