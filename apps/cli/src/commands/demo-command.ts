import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createWarehouseDb, migrateLatest } from '@spotify-insights/warehouse';
import { runHeartbeat } from '../demo/heartbeat.ts';
import { STACK_SERVICES } from '../stack/services/index.ts';
import { Stack } from '../stack/stack.ts';

function say(message: string): void {
  process.stderr.write(`[demo] ${message}\n`);
}

/**
 * The README's first command. At this stage of the project: bring the local stack up,
 * migrate the warehouse and push a heartbeat through every layer, then say where to look.
 */
export async function demoCommand(_argv: string[], config: AppConfig): Promise<number> {
  const stack = new Stack(STACK_SERVICES, config, (service, message) =>
    process.stderr.write(`[stack] ${service.padEnd(15)} ${message}\n`),
  );
  await stack.up();

  const db = createWarehouseDb(config.warehouse);
  try {
    const applied = await migrateLatest(db);
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
    out('Where to look:');
    out(
      `  MinIO console    http://${host}:${minio.consolePort}  (login ${minio.rootUser} / ${minio.rootPassword})`,
    );
    out(
      `  psql             psql "postgres://${postgres.user}:${postgres.password}@${host}:${postgres.port}/${postgres.database}"`,
    );
    out(
      '                   then: select * from app.pipeline_heartbeats order by loaded_at desc limit 5;',
    );
    out('  stack            npm run stack -- status | logs | down');
    return 0;
  } finally {
    await db.destroy();
  }
}
