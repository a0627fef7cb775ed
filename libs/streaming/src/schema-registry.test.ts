import { describe, expect, it } from 'vitest';
import { readWireHeader, valueSubject } from './schema-registry.ts';
import { StreamingError } from './streaming-error.ts';

describe('schema registry helpers', () => {
  it('names value subjects by TopicNameStrategy', () => {
    expect(valueSubject('spotify.recent-plays.v1')).toBe('spotify.recent-plays.v1-value');
  });

  it('reads the schema id from the wire format', () => {
    const value = Buffer.from([0, 0, 0, 1, 2, 99]);
    expect(readWireHeader(value)).toEqual({ schemaId: 258 });
  });

  it('refuses values without the magic byte', () => {
    expect(() => readWireHeader(Buffer.from('{"json":true}'))).toThrow(StreamingError);
    expect(() => readWireHeader(Buffer.from([0, 1]))).toThrow(/wire format/);
  });
});
