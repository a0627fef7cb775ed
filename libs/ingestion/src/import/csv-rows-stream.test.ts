import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from './import-error.ts';
import { streamCsvRows } from './csv-rows-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'csv-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function all(path: string, highWaterMark?: number) {
  const rows = [];
  for await (const row of streamCsvRows(path, highWaterMark ? { highWaterMark } : {}))
    rows.push(row);
  return rows;
}

describe('streamCsvRows', () => {
  const text =
    '\uFEFFrank,uri,artist_names\r\n' +
    '1,spotify:track:a,"Tyler, The Creator"\r\n' +
    '\r\n' +
    '2,spotify:track:b,"say ""hi""\nagain"\r\n' +
    '3,spotify:track:c,Beyoncé 日本';

  it('reads quoted commas, doubled quotes, line breaks in quotes, BOM, CRLF, whatever the chunks', async () => {
    const path = fileWith('chart.csv', text);
    for (const hwm of [1, 2, 5, 64, undefined]) {
      const rows = await all(path, hwm);
      expect(rows.map((r) => r.fields)).toEqual([
        ['rank', 'uri', 'artist_names'],
        ['1', 'spotify:track:a', 'Tyler, The Creator'],
        ['2', 'spotify:track:b', 'say "hi"\nagain'],
        ['3', 'spotify:track:c', 'Beyoncé 日本'],
      ]);
      expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 6]);
      expect(rows[0]!.byte).toBe(3);
      expect(rows[3]!.bytesRead).toBe(Buffer.byteLength(text));
    }
  });

  it('names the file, line and byte of a quote never closed', async () => {
    const path = fileWith('cut.csv', 'a,b\n1,"open\n');
    const error = await all(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('NOT_CSV');
    expect((error as ImportError).message).toBe(
      'cut.csv, line 2, byte 4: a quoted field is never closed (truncated?)',
    );
  });
});
