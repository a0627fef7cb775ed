import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { loadConfig } from '@spotify-insights/config';
import { createLogger } from '@spotify-insights/logging';
import { biReaderUrl, createScratchDatabase, createWarehouseDb } from '@spotify-insights/warehouse';
import type { ApiDeps } from '../../src/deps.ts';
import { buildServer } from '../../src/server.ts';

export interface TestApi {
  app: FastifyInstance;
  /** The scratch warehouse's owner: loads fixtures. */
  owner: Knex;
  /** What the API reads with: bi_reader on the scratch warehouse. */
  reader: Knex;
  close(): Promise<void>;
}

/*
 * The API on a scratch warehouse of its own (never the demo's), read as bi_reader like
 * in production; requests go through app.inject, so no port is opened.
 */
export async function createTestApi(
  name: string,
  options: { now?: Date; deps?: Partial<ApiDeps> } = {},
): Promise<TestApi> {
  const config = loadConfig();
  const scratch = await createScratchDatabase(config.warehouse, name, { poolMax: 2 });
  const reader = createWarehouseDb(
    { url: biReaderUrl(scratch.url, config.warehouse.biReaderPassword) },
    { poolMax: 2 },
  );
  // only 5xx are logged: a test that hits one shows why
  const logger = createLogger('api-test', { level: 'error' });
  const now = options.now;
  const app = await buildServer({
    reader,
    owner: scratch.db,
    logger,
    ...(now ? { now: () => now } : {}),
    ...options.deps,
  });
  await app.ready();
  return {
    app,
    owner: scratch.db,
    reader,
    async close() {
      await app.close();
      await reader.destroy();
      await scratch.drop();
    },
  };
}
