import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfigOrExit } from '@spotify-insights/config';
import { createLogger } from '@spotify-insights/logging';
import { readSchema, sourceTopic } from '@spotify-insights/schemas';
import {
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
} from '@spotify-insights/streaming';
import { CatalogueEnricher } from '../catalogue/catalogue-enricher.ts';
import { PgCatalogueStore } from '../catalogue/pg-catalogue-store.ts';
import { runProducerCycle, type ProducibleSource } from '../producer/producer-cycle.ts';
import { RenewableProducer } from '../producer/renewable-producer.ts';
import { deadLetterTopicOf, sourceTopicSpec } from '../topic-specs.ts';
import { createSpotifyContext } from './producer-context.ts';

export interface ProducerAppOptions {
  /** Run one cycle for every connected user and exit (tests, the demo, cron). */
  once: boolean;
  intervalMs?: number;
}

/**
 * The whole of a producer app: poll one Spotify endpoint for every connected user on its
 * cadence and publish to the source's topic. SIGTERM/SIGINT ends after the current cycle.
 * Exit code 1 when a cycle failed for any user (a user who must reconnect is not a failure).
 */
export async function runProducerApp(
  source: ProducibleSource,
  options: ProducerAppOptions,
): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(`producer-${source.name}`, { level: config.logLevel });
  if (!config.spotify.tokenEncryptionKey) {
    logger.error(
      'TOKEN_ENCRYPTION_KEY is not set: Spotify tokens cannot be read (see .env.example)',
    );
    process.exit(78);
  }
  const spotify = createSpotifyContext(config, logger);
  const kafka = createKafka(config.kafka, logger);
  const registry = createSchemaRegistry(config.schemaRegistry);
  const topic = sourceTopic(source.name);

  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    sourceTopicSpec(source.name),
    { name: deadLetterTopicOf(topic), partitions: 1, retentionMs: 30 * 86_400_000 },
  ]);
  await admin.disconnect();
  const schemaId = await registerValueSchema(registry, topic, readSchema(source.schemaName));
  const producer = await RenewableProducer.connect(kafka);
  const catalogue = new CatalogueEnricher(new PgCatalogueStore(spotify.db), spotify.client, logger);

  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  let failed = false;
  do {
    const runId = `${source.name}-${new Date().toISOString()}-${randomUUID().slice(0, 4)}`;
    const users = await spotify.tokenKv.userIds();
    const outcomes = await runProducerCycle({
      source,
      client: spotify.client,
      producer,
      registry,
      schemaId,
      checkpoints: spotify.checkpoints,
      users,
      runId,
      logger,
      catalogue,
    });
    // After the source's own work, so enrichment only ever uses what budget is left.
    const enriched = await catalogue
      .fetchQueued(config.spotify.catalogueCallsPerCycle)
      .catch((error: unknown) => {
        logger.warn('catalogue enrichment failed; ids stay queued', { error });
        return undefined;
      });
    const count = (status: string) => outcomes.filter((o) => o.status === status).length;
    failed = count('failed') > 0;
    logger.info('cycle done', {
      runId,
      users: users.length,
      sent: outcomes.reduce((n, o) => n + o.sent, 0),
      deadLettered: outcomes.reduce((n, o) => n + o.deadLettered, 0),
      needsReconnect: count('needs-reconnect'),
      rateLimited: count('rate-limited'),
      failed: count('failed'),
      catalogue: enriched,
    });
    if (options.once) break;
    const wakeAt = Date.now() + (options.intervalMs ?? source.defaultIntervalMs);
    while (!stopping && Date.now() < wakeAt) await sleep(Math.min(1000, wakeAt - Date.now()));
  } while (!stopping);

  await producer.disconnect();
  await spotify.db.destroy();
  process.exit(failed ? 1 : 0);
}
