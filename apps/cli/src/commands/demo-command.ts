import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { runTransform } from '@spotify-insights/transform';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';
import { runHeartbeat } from '../demo/heartbeat.ts';
import { runDemoIngestion } from '../demo/run-demo-ingestion.ts';
import { formatWrapped, wrappedSummary } from '../demo/wrapped-summary.ts';
import { describeRun } from './transform-command.ts';
import { STACK_SERVICES } from '../stack/services/index.ts';
import { Stack } from '../stack/stack.ts';

function say(message: string): void {
  process.stderr.write(`[demo] ${message}\n`);
}

/**
 * The README's first command. At this stage of the project: bring the local stack up,
 * migrate the warehouse, push a heartbeat through every layer, run the eight producers
 * for the simulated friend group and the consumers until raw holds everything, run
 * the transform into the warehouse, print each friend's Wrapped from the marts, and say
 * where to look.
 */
export async function demoCommand(_argv: string[], config: AppConfig): Promise<number> {
  const stack = new Stack(STACK_SERVICES, config, (service, message) =>
    process.stderr.write(`[stack] ${service.padEnd(15)} ${message}\n`),
  );
  await stack.up();

  const db = createWarehouseDb(config.warehouse);
  try {
    const applied = await prepareWarehouse(db, config.warehouse);
    say(
      applied.length > 0
        ? `warehouse migrated: ${applied.join(', ')}`
        : 'warehouse schema is up to date',
    );

    const result = await runHeartbeat({
      kafka: createKafka(config.kafka),
      registry: createSchemaRegistry(config.schemaRegistry),
      lake: createLakeClient(config.lake),
      db,
      runId: `demo-${randomUUID().slice(0, 8)}`,
      progress: say,
    });
    const total = await db('app.pipeline_heartbeats').count<{ count: string }[]>({ count: '*' });
    const ingestion = await runDemoIngestion(config, say);
    say('transform: raw → processed → presentation → warehouse…');
    const transform = await runTransform(
      {
        db,
        lake: createLakeClient(config.lake),
        logger: createLogger('transform', { level: 'warn' }),
      },
      { trigger: 'manual' },
    );
    const wrapped = await wrappedSummary(db);

    const { host, minio, postgres } = config.stack;
    const out = (line = '') => process.stdout.write(`${line}\n`);
    out();
    out('The pipeline works end to end:');
    out(
      `  Kafka topic      pipeline.heartbeat.v1, partition ${result.partition}, offset ${result.offset}`,
    );
    out(
      `  schema           pipeline.heartbeat.v1-value, id ${result.schemaId} (${config.schemaRegistry.url})`,
    );
    out(`  raw object       raw/${result.objectKey}`);
    out(`  warehouse row    app.pipeline_heartbeats (${total[0]?.count ?? '?'} heartbeats so far)`);
    out();
    out(`Ingestion for ${ingestion.users.length} connected users (${ingestion.users.join(', ')}):`);
    out('  topic                              records (all runs so far), every one landed in raw');
    for (const topic of ingestion.topics)
      out(`  ${topic.topic.padEnd(34)} ${String(topic.endOffsets).padStart(8)}`);
    const catalogue = Object.entries(ingestion.catalogue)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ');
    out(`  catalogue cache  app.catalogue_items: ${catalogue || 'empty'}`);
    out(`  app logs         ${ingestion.logs.producer}, ${ingestion.logs.consumer}`);
    out();
    out('Transform:');
    out(describeRun(transform).replace(/^/gm, '  '));
    out();
    out('Your Wrapped, from the warehouse marts (all time, incognito plays left out):');
    for (const line of formatWrapped(wrapped)) out(line);
    out();
    out('Where to look:');
    out(
      `  MinIO console    http://${host}:${minio.consolePort}  (login ${minio.rootUser} / ${minio.rootPassword})`,
    );
    out(
      `  psql (BI role)   psql "postgres://bi_reader:${config.warehouse.biReaderPassword}@${host}:${postgres.port}/${postgres.database}"`,
    );
    out(
      "                   then: select * from marts.top_artists_by_period where period = 'all_time' and rank <= 10;",
    );
    out('  PowerBI          open dashboards/powerbi/spotify-insights.pbids (user bi_reader)');
    out('  Grafana          import dashboards/grafana/spotify-insights.json');
    out('  transform        npm run cli -- transform status | run');
    out('  stack            npm run stack -- status | logs | down');
    return 0;
  } finally {
    await db.destroy();
  }
}
