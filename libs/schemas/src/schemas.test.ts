import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from './codegen/generated-files.ts';
import {
  avroType,
  ENVELOPE_FIELDS,
  readSchema,
  recordProblems,
  schemaFileNames,
  SOURCE_NAMES,
  sourceTopic,
  TOPIC_SOURCE_NAMES,
} from './index.ts';

describe('schemas/*.avsc', () => {
  it('has one value schema per source (API and import), plus the key and heartbeat schemas', () => {
    expect(schemaFileNames()).toEqual(
      [...TOPIC_SOURCE_NAMES, 'user-key', 'heartbeat'].map((n) => `${n}.avsc`).sort(),
    );
  });

  it('keeps import sources out of the eight API sources, with topics named alike', () => {
    expect(SOURCE_NAMES).toHaveLength(8);
    expect(SOURCE_NAMES).not.toContain('streaming-history');
    expect(sourceTopic('streaming-history')).toBe('spotify.streaming-history.v1');
  });

  it.each(TOPIC_SOURCE_NAMES)(
    '%s carries the envelope of the data contract and parses',
    (source) => {
      const schema = readSchema(source) as {
        fields: Array<{ name: string; type: unknown; default?: unknown }>;
      };
      const names = schema.fields.map((f) => f.name);
      for (const field of ENVELOPE_FIELDS) expect(names).toContain(field);
      expect(() => avro.Type.forSchema(schema as avro.Schema)).not.toThrow();
    },
  );

  it.each(TOPIC_SOURCE_NAMES)(
    '%s makes every nullable field optional with a null default',
    (source) => {
      const schema = readSchema(source) as {
        fields: Array<{ name: string; type: unknown; default?: unknown }>;
      };
      for (const field of schema.fields.filter((f) => Array.isArray(f.type))) {
        expect((field.type as unknown[])[0], field.name).toBe('null');
        expect(field.default, field.name).toBeNull();
      }
    },
  );
});

describe('generated TypeScript types', () => {
  it('are up to date with schemas/ (run `npm run generate -w @spotify-insights/schemas`)', () => {
    for (const [file, source] of generatedFiles()) {
      const onDisk = readFileSync(join(import.meta.dirname, 'generated', file), 'utf8');
      expect(onDisk, file).toBe(source);
    }
  });
});

describe('recordProblems', () => {
  const valid = {
    user_id: 'alice',
    fetched_at: Date.now(),
    endpoint: 'GET /me/player/recently-played',
    run_id: 'r1',
    played_at: Date.now(),
    track_id: '4uLU6hMCjMI75M1A2tKUQC',
    track_name: 'Never Gonna',
    duration_ms: 213_000,
    isrc: null,
    album_id: 'a',
    artist_ids: ['x'],
    context_type: null,
    context_uri: null,
    item_json: '{}',
  };

  it('is empty for a valid record', () => {
    expect(recordProblems(avroType('recent-plays'), valid)).toEqual([]);
  });

  it('names each bad field and what it expected', () => {
    const problems = recordProblems(avroType('recent-plays'), {
      ...valid,
      duration_ms: 'long',
      artist_ids: ['x', 7],
      track_id: undefined,
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['artist_ids.1', 'duration_ms', 'track_id']);
    expect(problems.find((p) => p.path === 'duration_ms')?.message).toMatch(
      /expected int, got "long"/,
    );
  });
});
