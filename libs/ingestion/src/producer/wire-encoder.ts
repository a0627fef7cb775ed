import type avro from 'avsc';
import { StreamingError } from '@spotify-insights/streaming';

/** Magic byte 0, then the schema id as 4 bytes big-endian: the Confluent wire header. */
const HEADER_BYTES = 5;

/*
 * Records are written into shared slabs and handed out as views. Why not
 * `registry.encode` per record: avsc's `toBuffer` encodes a record of more than 1 KiB
 * twice (its scratch buffer is 1 KiB), and every record then gets its own zero-filled
 * buffer plus a second copy for the header. Allocating a buffer per record is what
 * dominated the producer's CPU profile with 2.5 KB plays.
 */
const SLAB_BYTES = 256 * 1024;

/**
 * Encodes records in the Confluent wire format with the local Avro type, which must be
 * the schema registered under `schemaId` (see `assertRegisteredSchema`), one at a time as
 * they are pulled. Each value is a view into a slab shared with its neighbours; Kafka
 * clients only read them.
 */
export function* wireValues(
  type: avro.Type,
  schemaId: number,
  records: Iterable<unknown>,
): Generator<Buffer> {
  let slab = Buffer.allocUnsafe(SLAB_BYTES);
  let start = 0;
  for (const record of records) {
    let end = type.encode(record, slab, start + HEADER_BYTES);
    if (end < 0) {
      // It did not fit: avsc returns minus the bytes missing. Start a new slab that
      // holds at least this record and encode it again there.
      const recordBytes = slab.length - end - start - HEADER_BYTES;
      slab = Buffer.allocUnsafe(Math.max(SLAB_BYTES, HEADER_BYTES + recordBytes));
      start = 0;
      end = type.encode(record, slab, HEADER_BYTES);
    }
    slab[start] = 0;
    slab.writeInt32BE(schemaId, start + 1);
    yield slab.subarray(start, end);
    start = end;
  }
}

/** `wireValues`, all at once. */
export function encodeWireValues(
  type: avro.Type,
  schemaId: number,
  records: Iterable<unknown>,
): Buffer[] {
  return [...wireValues(type, schemaId, records)];
}

/**
 * Encoding with the local schema is only right if it is the one registered under the
 * id: compare canonical forms (field names, types, order) once, before sending anything.
 */
export function assertRegisteredSchema(
  local: avro.Type,
  registered: unknown,
  schemaId: number,
): void {
  const other = registered as avro.Type | undefined;
  const same =
    typeof other?.fingerprint === 'function' && local.fingerprint().equals(other.fingerprint());
  if (!same) {
    throw new StreamingError(
      'SCHEMA_INCOMPATIBLE',
      `schema id ${schemaId} in the registry is not the local ${local.name ?? 'schema'}: refusing to encode with it`,
      { schemaId },
    );
  }
}
