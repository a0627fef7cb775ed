/*
 * The API app: reads the configuration once, connects to the warehouse (insight queries
 * as the read-only bi_reader, app tables as the owner) and Kafka (consumer lag, and the
 * play topics for the live top-N), and serves on API_HOST:API_PORT until SIGTERM/SIGINT.
 * OpenAPI at /docs.
 */
import { loadConfigOrExit } from '@spotify-insights/config';
import { createLogger } from '@spotify-insights/logging';
import { createLiveConsumer, LiveAggregator } from '@spotify-insights/live';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { biReaderUrl, createWarehouseDb, warehouseDataVersion } from '@spotify-insights/warehouse';
import { startCacheWarmer } from './cache/cache-warmer.ts';
import { ResponseCache } from './cache/response-cache.ts';
import { createConnectDeps } from './connect/connect-deps.ts';
import { buildServer } from './server.ts';

const config = loadConfigOrExit();
const logger = createLogger('api', { level: config.logLevel });
const reader = createWarehouseDb(
  { url: biReaderUrl(config.warehouse.url, config.warehouse.biReaderPassword) },
  { poolMax: config.api.dbPoolMax },
);
const owner = createWarehouseDb(config.warehouse, { poolMax: 2 });
const kafkaAdmin = createKafka(config.kafka).admin();
await kafkaAdmin.connect().catch((error: unknown) => {
  // lag is one route of many: the rest of the API works without Kafka
  logger.warn('kafka admin not connected; consumer lag unavailable', { error });
});

const cache = new ResponseCache({
  maxEntries: config.api.cache.maxEntries,
  ttlMs: config.api.cache.ttlSeconds * 1000,
  version: () => warehouseDataVersion(owner),
});

// The live top-N: rebuilt from the play topics at every start (see createLiveConsumer).
// Joining the group can take seconds; the API answers meanwhile, its counts filling up.
const aggregator = new LiveAggregator();
const liveConsumer = createLiveConsumer({
  kafka: createKafka(config.kafka),
  registry: createSchemaRegistry(config.schemaRegistry),
  aggregator,
  logger: logger.child({ component: 'live' }),
});
liveConsumer.start().catch((error: unknown) => {
  logger.warn('live consumer not started; the live top-N stays empty', { error });
});

const connect = createConnectDeps(config); // the dashboard's connect/disconnect (src/connect)
const app = await buildServer({
  reader,
  owner,
  kafkaAdmin,
  logger,
  cache,
  connect,
  live: { aggregator },
});
const address = await app.listen({ port: config.api.port, host: config.api.host });
logger.info('api listening', { url: address, docs: `${address}/docs` });
process.stdout.write(`API on ${address} (OpenAPI: ${address}/docs)\n`);
const warmer = startCacheWarmer({ app, cache, owner, logger });

const stop = async (signal: string) => {
  logger.info('stopping', { signal });
  warmer.stop();
  await app.close();
  await Promise.allSettled([
    liveConsumer.stop(),
    reader.destroy(),
    owner.destroy(),
    kafkaAdmin.disconnect(),
  ]);
  process.exit(0);
};
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
