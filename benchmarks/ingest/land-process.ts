import { loadConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { startLanding } from './land-stage.ts';
import type { LandingProcessOptions, FromLander, ToLander } from './landing-process.ts';

/*
 * The consumer side of the benchmark in a process of its own, as the consumer apps run
 * beside the producer apps: started by `startLandingProcess`, driven over IPC.
 */
const send = (message: FromLander) => process.send!(message);

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]!) as LandingProcessOptions;
  const config = loadConfig();
  const logger = createLogger('bench-ingest-lander', { level: 'warn' });
  const landing = await startLanding({
    ...options,
    kafka: createKafka(config.kafka, logger),
    registry: createSchemaRegistry(config.schemaRegistry),
    lake: createLakeClient(config.lake),
    logger,
  });
  send({ type: 'ready', readyAt: landing.readyAt, joinSeconds: landing.joinSeconds });
  landing.landed.then(
    (at) => send({ type: 'landed', at }),
    (error: Error) => send({ type: 'failed', message: error.message }),
  );
  process.on('message', (message: ToLander) => {
    if (message.type !== 'stop') return;
    landing.stop().then(
      // kafkajs and the MinIO client keep sockets alive; this process's work is done.
      (counts) =>
        process.send!({ type: 'stopped', counts } satisfies FromLander, () => process.exit(0)),
      (error: Error) => send({ type: 'failed', message: error.message }),
    );
  });
  // The benchmark went away (interrupted, or failed): nobody is left to stop us.
  process.on('disconnect', () => process.exit(1));
}

main().catch((error: Error) => {
  send({ type: 'failed', message: error.stack ?? error.message });
  process.exitCode = 1;
});
