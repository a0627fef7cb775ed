import { randomUUID } from 'node:crypto';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import {
  createSchemaRegistry,
  readWireHeader,
  registerValueSchema,
  StreamingError,
  valueSubject,
} from '../../src/index.ts';

/* Runs against the real schema registry (Confluent REST API) of the local stack. */
const config = loadConfig();
const topic = `it.registry.${randomUUID().slice(0, 8)}`;

const v1 = {
  type: 'record',
  name: 'Play',
  namespace: 'test.spotify_insights',
  fields: [
    { name: 'user_id', type: 'string' },
    { name: 'track_id', type: 'string' },
    { name: 'ms_played', type: 'long' },
  ],
};
const v2AddsOptionalField = {
  ...v1,
  fields: [...v1.fields, { name: 'context_uri', type: ['null', 'string'], default: null }],
};
const v3AddsRequiredField = {
  ...v2AddsOptionalField,
  fields: [...v2AddsOptionalField.fields, { name: 'skipped', type: 'boolean' }],
};

let registry: SchemaRegistry;

beforeAll(() => {
  registry = createSchemaRegistry(config.schemaRegistry);
});

afterAll(async () => {
  await fetch(`${config.schemaRegistry.url}/subjects/${valueSubject(topic)}`, {
    method: 'DELETE',
  }).catch(() => undefined);
});

describe('schema registry with @kafkajs/confluent-schema-registry and avsc', () => {
  let v1Id: number;

  it('registers an Avro schema under <topic>-value with BACKWARD compatibility', async () => {
    v1Id = await registerValueSchema(registry, topic, v1);
    expect(v1Id).toBeGreaterThan(0);
    expect(await registerValueSchema(registry, topic, v1)).toBe(v1Id);

    const subjectConfig = await fetch(`${config.schemaRegistry.url}/config/${valueSubject(topic)}`);
    expect(
      ((await subjectConfig.json()) as { compatibilityLevel: string }).compatibilityLevel,
    ).toBe('BACKWARD');
  });

  it('encodes in the Confluent wire format and decodes back', async () => {
    const play = { user_id: 'alice', track_id: '4uLU6hMCjMI75M1A2tKUQC', ms_played: 212_000 };
    const encoded = await registry.encode(v1Id, play);
    expect(encoded[0]).toBe(0);
    expect(readWireHeader(encoded).schemaId).toBe(v1Id);
    // The body after the 5-byte header is plain Avro binary that avsc reads by itself.
    expect(avro.Type.forSchema(v1 as avro.Schema).fromBuffer(encoded.subarray(5))).toEqual(play);
    expect(await registry.decode(encoded)).toEqual(play);
  });

  it('accepts a BACKWARD-compatible change: a new field with a default', async () => {
    const v2Id = await registerValueSchema(registry, topic, v2AddsOptionalField);
    expect(v2Id).not.toBe(v1Id);
    const encoded = await registry.encode(v2Id, {
      user_id: 'bob',
      track_id: 't',
      ms_played: 1,
      context_uri: 'spotify:playlist:x',
    });
    expect(await registry.decode(encoded)).toMatchObject({
      user_id: 'bob',
      context_uri: 'spotify:playlist:x',
    });

    // What BACKWARD promises: a consumer on v2 still reads records written with v1.
    const v1Type = avro.Type.forSchema(v1 as avro.Schema);
    const v2Type = avro.Type.forSchema(v2AddsOptionalField as avro.Schema);
    const oldRecord = v1Type.toBuffer({ user_id: 'old', track_id: 't', ms_played: 5 });
    expect(v2Type.fromBuffer(oldRecord, v2Type.createResolver(v1Type))).toMatchObject({
      user_id: 'old',
      context_uri: null,
    });
  });

  it('refuses an incompatible change with a clear SCHEMA_INCOMPATIBLE error', async () => {
    const attempt = registerValueSchema(registry, topic, v3AddsRequiredField);
    await expect(attempt).rejects.toBeInstanceOf(StreamingError);
    await expect(attempt).rejects.toMatchObject({ code: 'SCHEMA_INCOMPATIBLE', canRetry: false });
    await expect(attempt).rejects.toThrow(/not BACKWARD-compatible/);
  });
});
