import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from './import-error.ts';
import { streamJsonArray } from './json-array-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'json-array-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function all(path: string, highWaterMark?: number) {
  const out = [];
  for await (const e of streamJsonArray(path, highWaterMark ? { highWaterMark } : {})) out.push(e);
  return out;
}

async function failure(path: string): Promise<ImportError> {
  try {
    await all(path);
  } catch (error) {
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('streamJsonArray', () => {
  const values = [
    { ts: '2024-01-01T00:00:00Z', name: 'a, "quoted" ] } [ {', n: 1 },
    { nested: [{ x: [1, 2] }, 'é ü 日本'] },
    { backslashes: 'c:\\dir\\"q"\\\\', end: '\\' },
    'a string',
    42,
    null,
    [1, [2]],
  ];

  it('yields every element in order, whatever the chunk boundaries', async () => {
    const path = fileWith('pretty.json', `\uFEFF${JSON.stringify(values, null, 2)}\n`);
    for (const hwm of [1, 3, 7, 64, undefined]) {
      const got = await all(path, hwm);
      expect(got.map((e) => e.value)).toEqual(values);
      expect(got.map((e) => e.index)).toEqual(values.map((_, i) => i));
    }
  });

  it('reads an empty array as no elements', async () => {
    expect(await all(fileWith('empty.json', ' [ ] '))).toEqual([]);
  });

  it('names the file, element and byte of what is broken', async () => {
    const bad = await failure(fileWith('bad.json', '[{"a":1},{"a":}]'));
    expect(bad.code).toBe('NOT_JSON');
    expect(bad.message).toMatch(/^bad\.json, element 1, byte 9: not valid JSON/);
    expect((await failure(fileWith('obj.json', '{"a":1}'))).code).toBe('NOT_AN_ARRAY');
    expect((await failure(fileWith('text.txt', 'hello'))).code).toBe('NOT_JSON');
    expect((await failure(fileWith('cut.json', '[{"a":1},{"a"'))).message).toMatch(/truncated/);
    expect((await failure(fileWith('zero.json', ''))).message).toMatch(/is empty/);
    expect((await failure(fileWith('trail.json', '[1] x'))).message).toMatch(/after the end/);
    expect((await failure(fileWith('hole.json', '[1,,2]'))).message).toMatch(/empty element/);
  });
});
