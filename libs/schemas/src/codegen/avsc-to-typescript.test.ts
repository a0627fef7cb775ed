import { describe, expect, it } from 'vitest';
import { avscToTypescript } from './avsc-to-typescript.ts';

describe('avscToTypescript', () => {
  const schema = {
    type: 'record',
    name: 'Play',
    doc: 'A play.',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'kind', type: { type: 'enum', name: 'play_kind', symbols: ['music', 'podcast'] } },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      { name: 'context', type: ['null', 'string'], default: null, doc: 'Where from.' },
      { name: 'again', type: 'play_kind' },
      { name: 'counts', type: { type: 'map', values: 'int' } },
    ],
  };

  it('turns a record into an interface with its named types', () => {
    const { typeName, declaredNames, source } = avscToTypescript(schema, 'play.avsc');
    expect(typeName).toBe('Play');
    expect(declaredNames).toEqual(['Play', 'PlayKind']);
    expect(source).toContain("export type PlayKind = 'music' | 'podcast';");
    expect(source).toContain('export interface Play {');
    expect(source).toContain('  id: string;');
    expect(source).toContain('  /** (epoch milliseconds) */\n  at: number;');
    expect(source).toContain('  tags: Array<string>;');
    expect(source).toContain('  /** Where from. */\n  context: null | string;');
    expect(source).toContain('  again: PlayKind;');
    expect(source).toContain('  counts: Record<string, number>;');
  });

  it('refuses a reference to a type it has not seen', () => {
    expect(() =>
      avscToTypescript(
        { type: 'record', name: 'X', fields: [{ name: 'a', type: 'Nope' }] },
        'x.avsc',
      ),
    ).toThrow(/unknown type reference "Nope"/);
  });

  it('declares nothing for a bare primitive schema', () => {
    expect(avscToTypescript({ type: 'string' }, 'key.avsc')).toMatchObject({
      typeName: 'string',
      declaredNames: [],
    });
  });
});
