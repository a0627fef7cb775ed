import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { KEY_SCHEMA_NAME, readSchema, SOURCE_NAMES, sourceTopic } from '@spotify-insights/schemas';
import { createSchemaRegistry, registerValueSchema, valueSubject } from '../../src/index.ts';

/*
 * Every schema in schemas/ is accepted by the real registry. Subjects get a per-run
 * prefix so this never pins versions in a developer's long-lived registry.
 */
const config = loadConfig();
const registry = createSchemaRegistry(config.schemaRegistry);
const prefix = `it.${randomUUID().slice(0, 8)}`;

describe('source schemas in the schema registry', () => {
  it.each(SOURCE_NAMES)('registers the %s value schema under <topic>-value', async (source) => {
    const topic = `${prefix}.${sourceTopic(source)}`;
    const id = await registerValueSchema(registry, topic, readSchema(source));
    expect(id).toBeGreaterThan(0);
    const latest = await fetch(
      `${config.schemaRegistry.url}/subjects/${valueSubject(topic)}/versions/latest`,
    );
    expect(((await latest.json()) as { id: number }).id).toBe(id);
  });

  it('registers the key schema', async () => {
    const response = await fetch(
      `${config.schemaRegistry.url}/subjects/${prefix}.spotify-key/versions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: JSON.stringify(readSchema(KEY_SCHEMA_NAME)) }),
      },
    );
    expect(response.status).toBe(200);
  });
});
