import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { avroType, readSchema } from '@spotify-insights/schemas';
import { readWireHeader, StreamingError } from '@spotify-insights/streaming';
import { assertRegisteredSchema, encodeWireValues, wireValues } from './wire-encoder.ts';

const type = avroType('recent-plays');

function play(i: number, itemBytes = 2_000) {
  return {
    user_id: `user-${i % 3}`,
    fetched_at: 1_763_856_000_000,
    endpoint: 'GET /me/player/recently-played',
    run_id: 'run-1',
    played_at: 1_763_850_000_000 + i,
    track_id: `track${i}`,
    track_name: i % 2 === 0 ? '東京事変 — 「群青日和」' : `Track ${i}`,
    duration_ms: 200_000,
    isrc: i % 4 === 0 ? null : `ISRC${i}`,
    album_id: 'album1',
    artist_ids: ['artist1', `artist${i}`],
    context_type: null,
    context_uri: null,
    item_json: JSON.stringify({ track: { id: `track${i}` }, pad: 'x'.repeat(itemBytes) }),
  };
}

/** What `registry.encode` produces: header, then avsc's own encoding. */
function confluentEncode(schemaId: number, record: unknown): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, type.toBuffer(record)]);
}

describe('encodeWireValues', () => {
  it('writes the Confluent wire format byte for byte like the registry client', () => {
    const records = Array.from({ length: 500 }, (_, i) => play(i));
    const values = encodeWireValues(type, 42, records);

    expect(values).toHaveLength(records.length);
    values.forEach((value, i) => {
      expect(value[0]).toBe(0);
      expect(readWireHeader(value).schemaId).toBe(42);
      expect(value.equals(confluentEncode(42, records[i]))).toBe(true);
      expect(type.fromBuffer(value.subarray(5))).toEqual(records[i]);
    });
  });

  it('handles records larger than a slab, and slabs that fill up mid-batch', () => {
    const records = [play(0, 100), play(1, 600_000), play(2, 200_000), play(3, 200_000), play(4)];
    const values = encodeWireValues(type, 7, records);
    values.forEach((value, i) => expect(value.equals(confluentEncode(7, records[i]))).toBe(true));
  });

  it('encodes lazily, a record at a time as values are pulled', () => {
    const seen: number[] = [];
    function* records() {
      for (let i = 0; i < 5; i++) {
        seen.push(i);
        yield play(i);
      }
    }
    const values = wireValues(type, 9, records());
    expect(seen).toEqual([]);
    expect(values.next().value!.equals(confluentEncode(9, play(0)))).toBe(true);
    expect(seen).toEqual([0]);
    expect([...values]).toHaveLength(4);
  });

  it('returns nothing for nothing', () => {
    expect(encodeWireValues(type, 1, [])).toEqual([]);
  });
});

describe('assertRegisteredSchema', () => {
  it('accepts the registered copy of the local schema', () => {
    const registered = avro.Type.forSchema(readSchema('recent-plays') as avro.Schema);
    expect(() => assertRegisteredSchema(type, registered, 3)).not.toThrow();
  });

  it('refuses another schema, or none, with SCHEMA_INCOMPATIBLE', () => {
    for (const registered of [avroType('liked-songs'), undefined, { type: 'record' }]) {
      let error: unknown;
      try {
        assertRegisteredSchema(type, registered, 3);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StreamingError);
      expect((error as StreamingError).code).toBe('SCHEMA_INCOMPATIBLE');
    }
  });
});
