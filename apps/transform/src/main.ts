/*
 * The transform app: runs the raw → processed → presentation → warehouse DAG on its
 * schedule (TRANSFORM_CRON, UTC) until SIGTERM/SIGINT. `npm run cli -- transform run`
 * runs it once, now; `transform status` shows the history.
 */
import { loadConfigOrExit } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { startTransformScheduler } from '@spotify-insights/transform';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';

const config = loadConfigOrExit();
const logger = createLogger('transform', { level: config.logLevel });
const db = createWarehouseDb(config.warehouse, { poolMax: 4 });
await prepareWarehouse(db, config.warehouse);
const scheduler = await startTransformScheduler(
  config.warehouse.url,
  config.transform.cron,
  { db, lake: createLakeClient(config.lake), logger },
  logger,
);

const stop = async (signal: string) => {
  logger.info('stopping after the current run', { signal });
  await scheduler.stop();
  await db.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
