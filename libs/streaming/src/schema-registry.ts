import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { AppConfig } from '@spotify-insights/config';
import { StreamingError } from './streaming-error.ts';

/** TopicNameStrategy: the value schema of topic T is registered under subject "T-value". */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}

export function createSchemaRegistry(schemaRegistry: AppConfig['schemaRegistry']): SchemaRegistry {
  return new SchemaRegistry({ host: schemaRegistry.url, clientId: 'spotify-insights' });
}

interface RegistryResponseError {
  status?: number;
  message?: string;
}

/**
 * Registers (or finds) the Avro value schema of a topic with BACKWARD compatibility and
 * returns its id. An incompatible change is refused by the registry and reported as
 * SCHEMA_INCOMPATIBLE with the registry's explanation.
 */
export async function registerValueSchema(
  registry: SchemaRegistry,
  topic: string,
  schema: object,
): Promise<number> {
  const subject = valueSubject(topic);
  try {
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject, compatibility: COMPATIBILITY.BACKWARD },
    );
    return id;
  } catch (error) {
    const e = error as RegistryResponseError & Error;
    if (e.status === 409) {
      throw new StreamingError(
        'SCHEMA_INCOMPATIBLE',
        `schema for ${subject} is not BACKWARD-compatible with the registered versions: ${e.message}`,
        { subject },
        error,
      );
    }
    if (e.status === 422 || e.name === 'ConfluentSchemaRegistryInvalidSchemaError') {
      throw new StreamingError(
        'SCHEMA_INVALID',
        `schema for ${subject} is invalid: ${e.message}`,
        { subject },
        error,
      );
    }
    if (e.status === undefined || e.status >= 500) {
      throw new StreamingError(
        'SCHEMA_REGISTRY_UNAVAILABLE',
        `schema registry did not answer for ${subject}: ${e.message}`,
        { subject },
        error,
      );
    }
    throw error;
  }
}

/** Reads the Confluent wire-format header: magic byte 0, then the schema id (4 bytes, big-endian). */
export function readWireHeader(value: Buffer): { schemaId: number } {
  if (value.length < 5 || value[0] !== 0) {
    throw new StreamingError(
      'RECORD_INVALID',
      'value is not in the Confluent wire format (magic byte 0 + schema id)',
    );
  }
  return { schemaId: value.readInt32BE(1) };
}
