import { avroType, SOURCE_NAMES, type SourceName } from '@spotify-insights/schemas';
import { OPERATIONS } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { getSource, SOURCES, type AnySourceDefinition } from './registry.ts';

const HOUR = 3_600_000;
const EXPECTED_INTERVALS: Record<SourceName, number> = {
  'recent-plays': HOUR / 4,
  'liked-songs': HOUR,
  'top-songs': 24 * HOUR,
  'top-artists': 24 * HOUR,
  'saved-playlists': 24 * HOUR,
  'playlist-items': 24 * HOUR,
  'following-artists': 24 * HOUR,
  'saved-albums': 24 * HOUR,
};

describe('SOURCES', () => {
  it('has exactly the eight source names', () => {
    expect(Object.keys(SOURCES).sort()).toEqual([...SOURCE_NAMES].sort());
  });

  it.each(SOURCE_NAMES)('%s: names itself, has a schema, cadence and a client endpoint', (name) => {
    const source = SOURCES[name];
    const operations = Object.values(OPERATIONS).map((op) => `${op.method} ${op.path}`);

    expect(source.name).toBe(name);
    expect(source.schemaName).toBe(name);
    expect(() => avroType(source.schemaName)).not.toThrow();
    expect(source.defaultIntervalMs).toBe(EXPECTED_INTERVALS[name]);
    expect(operations).toContain(source.endpoint);
  });

  it('can be handled uniformly by a runtime (checkpoints as opaque JSON)', () => {
    const all: readonly AnySourceDefinition[] = Object.values(SOURCES);
    expect(all.map((source) => source.name)).toEqual([...SOURCE_NAMES]);
  });

  it('getSource returns the definition, and names the valid ones for an unknown name', () => {
    expect(getSource('top-songs')).toBe(SOURCES['top-songs']);
    expect(() => getSource('no-such-source' as SourceName)).toThrow(/recent-plays, liked-songs/);
  });
});
