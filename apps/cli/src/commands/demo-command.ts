import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Knex } from 'knex';
import type { AppConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { runTransform, type TransformRunResult } from '@spotify-insights/transform';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';
import { startChildService, type ChildService } from '../demo/child-service.ts';
import { demoHistoryFile, knownTracks } from '../demo/demo-history.ts';
import { runHeartbeat } from '../demo/heartbeat.ts';
import { startDemoIngestion } from '../demo/run-demo-ingestion.ts';
import { formatWrapped, wrappedSummary } from '../demo/wrapped-summary.ts';
import { importCommand } from './import-command.ts';
import { describeRun } from './transform-command.ts';
import { LOCAL_DIR, REPO_ROOT } from '../stack/paths.ts';
import { STACK_SERVICES } from '../stack/services/index.ts';
import { Stack } from '../stack/stack.ts';

const USAGE = `Usage: demo [--once]
  Runs the whole system on the local stack and the simulated friend group, then keeps
  the API, dashboard and simulator running until Ctrl-C. --once prints the summary and
  stops everything instead.
`;

function say(message: string): void {
  process.stderr.write(`[demo] ${message}\n`);
}

function transformRun(db: Knex, config: AppConfig): Promise<TransformRunResult> {
  say('transform: raw → processed → presentation → warehouse…');
  return runTransform(
    {
      db,
      lake: createLakeClient(config.lake),
      logger: createLogger('transform', { level: 'warn' }),
    },
    { trigger: 'manual' },
  );
}

/** The API with the dashboard, as a child process, with an admin token for this demo. */
function startApi(config: AppConfig, adminToken: string): Promise<ChildService> {
  const host = config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host;
  return startChildService({
    name: 'the API',
    script: join(REPO_ROOT, 'apps/api/src/main.ts'),
    url: `http://${host}:${config.api.port}`,
    readyPath: '/api/health',
    portVariable: 'API_PORT',
    env: { ...process.env, ADMIN_TOKEN: adminToken },
  });
}

/** Resolves on Ctrl-C (or SIGTERM). */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * The README's first command: the local stack, the warehouse schema, a heartbeat through
 * every layer; the simulated friend group connected, the eight producers and the
 * consumers; the transform into the warehouse; one friend's generated streaming-history
 * export imported through Kafka and transformed incrementally; each friend's Wrapped
 * from the marts; then the API and dashboard, and where to look.
 */
export async function demoCommand(argv: string[], config: AppConfig): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--once');
  if (unknown.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const once = argv.includes('--once');
  const stack = new Stack(STACK_SERVICES, config, (service, message) =>
    process.stderr.write(`[stack] ${service.padEnd(15)} ${message}\n`),
  );
  await stack.up();

  const db = createWarehouseDb(config.warehouse);
  let ingestion: Awaited<ReturnType<typeof startDemoIngestion>> | undefined;
  let api: ChildService | undefined;
  try {
    const applied = await prepareWarehouse(db, config.warehouse);
    say(
      applied.length > 0
        ? `warehouse migrated: ${applied.join(', ')}`
        : 'warehouse schema is up to date',
    );

    const heartbeat = await runHeartbeat({
      kafka: createKafka(config.kafka),
      registry: createSchemaRegistry(config.schemaRegistry),
      lake: createLakeClient(config.lake),
      db,
      runId: `demo-${randomUUID().slice(0, 8)}`,
      progress: say,
    });
    const heartbeats = await db('app.pipeline_heartbeats').count<{ count: string }[]>({
      count: '*',
    });

    ingestion = await startDemoIngestion(config, say);
    const producersLog = await ingestion.runProducersOnce();
    say('consumers: landing every record in the raw bucket…');
    const consumers = ingestion.startConsumers();
    await consumers.landed();
    const firstRun = await transformRun(db, config);

    // One friend's own export, a year of the tracks the warehouse now knows.
    const historyUser = ingestion.users[0]!;
    const history = await demoHistoryFile(
      join(LOCAL_DIR, 'demo', 'exports'),
      historyUser,
      await knownTracks(db),
    );
    say(
      `${history.generated ? 'generated' : 'reusing'} a streaming-history export for ${historyUser}: ${history.file}`,
    );
    const imported = await importCommand(['history', '--user', historyUser, history.file], config);
    if (imported !== 0) throw new Error(`the history import failed (exit ${imported})`);
    const topics = await consumers.landed();
    await consumers.stop();
    const secondRun = await transformRun(db, config);
    const wrapped = await wrappedSummary(db);
    const catalogue = await ingestion.catalogueCounts();

    const adminToken = config.api.adminToken ?? randomBytes(18).toString('base64url');
    say('starting the API and dashboard…');
    api = await startApi(config, adminToken);

    const { host, minio, postgres } = config.stack;
    const out = (line = '') => process.stdout.write(`${line}\n`);
    out();
    out('The pipeline works end to end:');
    out(
      `  heartbeat        topic pipeline.heartbeat.v1 partition ${heartbeat.partition} offset ${heartbeat.offset}, schema id ${heartbeat.schemaId}`,
    );
    out(`                   raw/${heartbeat.objectKey}`);
    out(`                   app.pipeline_heartbeats (${heartbeats[0]?.count ?? '?'} so far)`);
    out();
    out(`Ingestion for ${ingestion.users.length} connected users (${ingestion.users.join(', ')}):`);
    out('  topic                              records (all runs so far), every one landed in raw');
    for (const topic of topics.filter((t) => t.endOffsets > 0))
      out(`  ${topic.topic.padEnd(34)} ${String(topic.endOffsets).padStart(8)}`);
    const cached = Object.entries(catalogue)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ');
    out(`  catalogue cache  app.catalogue_items: ${cached || 'empty'}`);
    out(`  app logs         ${producersLog}, ${consumers.log}`);
    out();
    out('Transform (the API data, then the imported history on top, incrementally):');
    out(describeRun(firstRun).replace(/^/gm, '  '));
    out(describeRun(secondRun).replace(/^/gm, '  '));
    out();
    out('Your Wrapped, from the warehouse marts (all time, incognito plays left out):');
    for (const line of formatWrapped(wrapped)) out(line);
    out();
    out('Where to look:');
    out(`  dashboard        ${api.url}/  (admin token for disconnect: ${adminToken})`);
    out(`  REST API         ${api.url}/docs`);
    out(`  live top-N       ${api.url}/live, then in another terminal:`);
    out(
      `                   npm run cli -- replay --user ${historyUser}-again --speed 60 ${history.file}`,
    );
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
    if (ingestion.simulatorUrl)
      out(`  Spotify (sim)    ${ingestion.simulatorUrl}  (the dashboard's connect page uses it)`);
    out('  transform        npm run cli -- transform status | run');
    out('  stack            npm run stack -- status | logs | down');
    if (!once) {
      out();
      out(
        'Running until Ctrl-C (the stack keeps running after; `npm run stack -- down` stops it).',
      );
      await untilInterrupted();
      say('stopping the API and the simulator…');
    }
    return 0;
  } finally {
    await api?.stop();
    await ingestion?.close();
    await db.destroy();
  }
}
