import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { encodeWireValues } from '@spotify-insights/ingestion';
import { avroType, recordProblems, type RecentPlay } from '@spotify-insights/schemas';

export interface ProducerWorkProfile {
  records: number;
  /** Avro values as sent: magic byte, schema id and the record. */
  valueBytes: number;
  validateSeconds: number;
  /** The runtime's encoder (`encodeWireValues`). */
  encodeSeconds: number;
  /** The same records through `registry.encode`, what the runtime used before, for comparison. */
  registryEncodeSeconds: number;
}

/**
 * What the producer runtime does to every record before kafkajs sees it, timed on its own
 * over the same records, one user at a time as the cycle does: the Avro check behind the
 * dead-letter decision (`recordProblems`), then the Confluent wire-format encoding. The
 * rest of the produce stage is kafkajs (request encoding, CRC) and the broker.
 */
export async function profileProducerWork(
  recordsByUser: Map<string, RecentPlay[]>,
  registry: SchemaRegistry,
  schemaId: number,
): Promise<ProducerWorkProfile> {
  const type = avroType('recent-plays');
  let records = 0;
  let valueBytes = 0;
  let problems = 0;

  const validateStart = performance.now();
  for (const userRecords of recordsByUser.values()) {
    for (const record of userRecords) problems += recordProblems(type, record).length;
  }
  const validateSeconds = (performance.now() - validateStart) / 1000;
  if (problems > 0)
    throw new Error(`synthetic records do not fit the schema (${problems} problems)`);

  // Both encoders share avsc's compiled writer: warm it (and each path) before timing.
  const sample = [...recordsByUser.values()][0]?.slice(0, 2_000) ?? [];
  encodeWireValues(type, schemaId, sample);
  await Promise.all(sample.map((r) => registry.encode(schemaId, r)));

  const encodeStart = performance.now();
  for (const userRecords of recordsByUser.values()) {
    for (const value of encodeWireValues(type, schemaId, userRecords)) valueBytes += value.length;
    records += userRecords.length;
  }
  const encodeSeconds = (performance.now() - encodeStart) / 1000;

  const registryStart = performance.now();
  for (const userRecords of recordsByUser.values()) {
    await Promise.all(userRecords.map((r) => registry.encode(schemaId, r)));
  }
  const registryEncodeSeconds = (performance.now() - registryStart) / 1000;

  return { records, valueBytes, validateSeconds, encodeSeconds, registryEncodeSeconds };
}
