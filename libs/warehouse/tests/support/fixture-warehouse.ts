import type { Knex } from 'knex';
import { afterAll, beforeAll } from 'vitest';
import { createScratchWarehouse, type ScratchWarehouse } from './scratch-warehouse.ts';
import { loadStarFixture } from './star-fixture.ts';

/**
 * For a test file: a scratch warehouse holding the star fixture (loaded at `now`), made
 * before its tests and dropped after them. Returns a getter (the warehouse exists only
 * once beforeAll has run).
 */
export function useFixtureWarehouse(name: string, now = new Date()): () => ScratchWarehouse {
  let warehouse: ScratchWarehouse | undefined;
  beforeAll(async () => {
    warehouse = await createScratchWarehouse(name);
    await loadStarFixture(warehouse.owner, now);
  });
  afterAll(async () => {
    await warehouse?.drop();
  });
  return () => {
    if (!warehouse) throw new Error('the fixture warehouse is made in beforeAll');
    return warehouse;
  };
}

/** The SQLSTATE PostgreSQL answers `sql` with, undefined if it runs. */
export async function sqlStateOf(db: Knex, sql: string): Promise<string | undefined> {
  try {
    await db.raw(sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}
