import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ImportError } from './import-error.ts';

/** One CSV row, its fields decoded, with where it was. */
export interface CsvRow {
  /** 1-based line the row starts on. */
  line: number;
  /** Byte offset of the row's first character. */
  byte: number;
  fields: string[];
  /** Bytes of the file read once this row ended. */
  bytesRead: number;
}

const [QUOTE, COMMA, LF, CR] = [0x22, 0x2c, 0x0a, 0x0d];
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/*
 * RFC 4180 as Spotify Charts writes it: comma-separated, fields with commas or quotes
 * quoted ("" for a quote inside), CRLF or LF line ends, a UTF-8 byte order mark first.
 * A quoted field can hold a line break, so rows are found byte by byte, not by lines.
 * Fields are kept as bytes until their row ends: a UTF-8 character split across two
 * reads decodes whole.
 */

/**
 * Yields the rows of the CSV file in `path` (header first), blank lines skipped. A
 * quote left open at the end throws an ImportError naming the file, line and byte.
 */
export async function* streamCsvRows(
  path: string,
  options: { highWaterMark?: number } = {},
): AsyncGenerator<CsvRow> {
  const file = basename(path);
  let line = 1;
  let offset = 0;
  let rowLine = 1;
  let rowByte = 0;
  let fields: string[] = [];
  let field: number[] = [];
  let inQuotes = false;
  let quoteClosed = false; // the previous byte closed a quoted part (or is "" in one)
  let rowStarted = false;
  const endField = () => {
    fields.push(Buffer.from(field).toString('utf8'));
    field = [];
    quoteClosed = false;
  };
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: options.highWaterMark ?? 1 << 16 });
  } catch (error) {
    throw new ImportError('FILE_UNREADABLE', (error as Error).message, { file }, error);
  }
  let sawBom = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const ready: CsvRow[] = [];
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i]!;
        const at = offset + i;
        if (at < BOM.length && sawBom === at && c === BOM[at]) {
          sawBom++;
          continue;
        }
        if (!rowStarted) {
          if (c === LF || c === CR) {
            if (c === LF) line++;
            continue;
          }
          rowStarted = true;
          rowLine = line;
          rowByte = at;
        }
        if (inQuotes) {
          if (c === QUOTE) {
            inQuotes = false;
            quoteClosed = true;
          } else {
            if (c === LF) line++;
            field.push(c);
          }
          continue;
        }
        if (c === QUOTE) {
          // "" inside a quoted field is one quote; a quote opening a field starts quoting
          if (quoteClosed) field.push(QUOTE);
          inQuotes = true;
          quoteClosed = false;
        } else if (c === COMMA) endField();
        else if (c === LF || c === CR) {
          if (c === LF) line++;
          if (c === CR && chunk[i + 1] !== LF && i + 1 < chunk.length) line++;
          endField();
          ready.push({ line: rowLine, byte: rowByte, fields, bytesRead: at + 1 });
          fields = [];
          rowStarted = false;
        } else {
          field.push(c);
          quoteClosed = false;
        }
      }
      offset += chunk.length;
      yield* ready;
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      'FILE_UNREADABLE',
      (error as Error).message,
      { file, byte: offset },
      error,
    );
  }
  if (inQuotes) {
    throw new ImportError('NOT_CSV', 'a quoted field is never closed (truncated?)', {
      file,
      line: rowLine,
      byte: rowByte,
    });
  }
  if (rowStarted) {
    endField();
    yield { line: rowLine, byte: rowByte, fields, bytesRead: offset };
  }
}
