import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import { findJava } from '../java.ts';
import { maven } from '../maven.ts';
import { startDetached } from '../processes.ts';
import type { ServiceContext, StackService } from '../service.ts';
import { isHttpOk } from '../wait.ts';

/*
 * Apicurio Registry, whose /apis/ccompat/v7 API is the Confluent Schema Registry API
 * that @kafkajs/confluent-schema-registry speaks. Maven Central carries the upstream
 * Quarkus build as io.apicurio:apicurio-registry-app:<v>:tar.gz:all; Maven fetches and
 * unpacks it (nothing is compiled). Schemas are stored in our PostgreSQL, so they and
 * their ids survive restarts. Apicurio 3 is compiled for Java 21.
 */
export const APICURIO_VERSION = '3.3.3';

function appDir(ctx: ServiceContext): string {
  return join(ctx.paths.cache, APICURIO_VERSION);
}

export const schemaRegistryService: StackService = {
  name: 'schema-registry',
  dependsOn: ['postgres'],
  stopSignal: 'SIGTERM',
  startTimeoutMs: 180_000,

  describe: () => `Apicurio Registry ${APICURIO_VERSION} (Confluent API)`,
  ports: (config) => [config.stack.schemaRegistry.port, config.stack.schemaRegistry.managementPort],
  endpoints: (config) => [{ label: 'Confluent API', url: config.schemaRegistry.url }],

  async install(ctx) {
    const dir = appDir(ctx);
    if (existsSync(join(dir, '.complete'))) return;
    ctx.progress(
      `fetching Apicurio Registry ${APICURIO_VERSION} from Maven Central (~160 MB, once)`,
    );
    mkdirSync(dir, { recursive: true });
    await maven(
      [
        'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack',
        `-Dartifact=io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`,
        `-DoutputDirectory=${dir}`,
        // Without a pom the plugin would write its markers into a literal "${project.basedir}" folder.
        `-DmarkersDirectory=${join(ctx.paths.cache, 'markers')}`,
      ],
      ctx.paths.cache,
    );
    if (!existsSync(join(dir, 'quarkus-run.jar')))
      throw new Error(`Apicurio distribution incomplete in ${dir}`);
    writeFileSync(join(dir, '.complete'), `${new Date().toISOString()}\n`);
  },

  async start(ctx) {
    const { host, postgres, schemaRegistry } = ctx.config.stack;
    return startDetached({
      command: findJava(21),
      args: [
        '-Xms64m',
        '-Xmx320m',
        '-XX:+UseSerialGC',
        // C1 only: starts in about half the time, and a schema registry is not CPU-bound.
        '-XX:TieredStopAtLevel=1',
        '-jar',
        join(appDir(ctx), 'quarkus-run.jar'),
      ],
      cwd: appDir(ctx),
      env: {
        APICURIO_STORAGE_KIND: 'sql',
        APICURIO_STORAGE_SQL_KIND: 'postgresql',
        APICURIO_DATASOURCE_URL: `jdbc:postgresql://${host}:${postgres.port}/${postgres.registryDatabase}`,
        APICURIO_DATASOURCE_USERNAME: postgres.user,
        APICURIO_DATASOURCE_PASSWORD: postgres.password,
        APICURIO_DATASOURCE_JDBC_INITIAL_SIZE: '2',
        APICURIO_DATASOURCE_JDBC_MIN_SIZE: '2',
        APICURIO_DATASOURCE_JDBC_MAX_SIZE: '10',
        QUARKUS_HTTP_HOST: host,
        QUARKUS_HTTP_PORT: String(schemaRegistry.port),
        QUARKUS_MANAGEMENT_HOST: host,
        QUARKUS_MANAGEMENT_PORT: String(schemaRegistry.managementPort),
      },
      logFile: ctx.paths.log,
      pidFile: ctx.paths.pid,
    });
  },

  async isHealthy(ctx) {
    // Listing subjects reads the storage, so it also proves the PostgreSQL connection.
    return isHttpOk(`${ctx.config.schemaRegistry.url}/subjects`);
  },

  async afterStart(ctx) {
    // Apicurio's default is NONE; the data contract (and Confluent's default) is BACKWARD.
    await setGlobalCompatibility(ctx.config, 'BACKWARD');
  },
};

async function setGlobalCompatibility(config: AppConfig, level: string): Promise<void> {
  const response = await fetch(`${config.schemaRegistry.url}/config`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!response.ok)
    throw new Error(`could not set registry compatibility: HTTP ${response.status}`);
}
