import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ImportError } from './import-error.ts';

/** One element of a JSON array file, parsed, with where it was. */
export interface ArrayElement {
  index: number;
  value: unknown;
  /** Byte offset of the element's first character. */
  byte: number;
  /** Bytes of the file read once this element ended (for progress by bytes). */
  bytesRead: number;
}

const [QUOTE, BACKSLASH, COMMA] = [0x22, 0x5c, 0x2c];
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x5b, 0x5d, 0x7b, 0x7d];
const BOM = [0xef, 0xbb, 0xbf];

type State = 'start' | 'before-element' | 'in-element' | 'after-element' | 'done';

/*
 * Why a hand-written streamer: export files reach tens of MB, and a well-kept streaming
 * JSON parser would be a new dependency. The array's structure is all this needs to
 * find: where each element starts and ends (brackets and strings, byte by byte; UTF-8
 * continuation bytes never look like ASCII), then JSON.parse does each element. Only
 * one element is held at a time.
 */
/**
 * Yields the elements of the JSON array in `path`, one at a time. A file that is not
 * a JSON array, or breaks off, throws an ImportError naming the file, element and byte.
 */
export async function* streamJsonArray(
  path: string,
  options: { highWaterMark?: number } = {},
): AsyncGenerator<ArrayElement> {
  const file = basename(path);
  let state: State = 'start';
  let index = 0;
  let offset = 0; // bytes before the current chunk
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = 0;
  let pieces: Buffer[] = [];
  const fail = (code: 'NOT_JSON' | 'NOT_AN_ARRAY', message: string, byte: number): never => {
    throw new ImportError(code, message, { file, element: index, byte });
  };
  const parse = (text: string, bytesRead: number): ArrayElement => {
    try {
      return { index, value: JSON.parse(text) as unknown, byte: elementStart, bytesRead };
    } catch (error) {
      return fail('NOT_JSON', `not valid JSON: ${(error as Error).message}`, elementStart);
    }
  };

  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: options.highWaterMark ?? 1 << 20 });
  } catch (error) {
    throw new ImportError('FILE_UNREADABLE', (error as Error).message, { file }, error);
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let i = 0;
      let pieceStart = state === 'in-element' ? 0 : -1;
      const ready: ArrayElement[] = [];
      for (; i < chunk.length; i++) {
        const c = chunk[i]!;
        if (state === 'in-element') {
          if (inString) {
            if (escaped) {
              escaped = false;
              continue;
            }
            // Most of a play is strings: jump to the next quote (indexOf is native), and
            // count the backslashes right before it: an odd run escapes it.
            const quote = chunk.indexOf(QUOTE, i);
            const end = quote === -1 ? chunk.length : quote;
            let run = 0;
            while (end - run - 1 >= i && chunk[end - run - 1] === BACKSLASH) run++;
            if (quote === -1) {
              escaped = run % 2 === 1;
              i = chunk.length - 1;
            } else {
              if (run % 2 === 0) inString = false;
              i = quote;
            }
            continue;
          }
          if (c === QUOTE) inString = true;
          else if (c === OPEN_ARRAY || c === OPEN_OBJECT) depth++;
          else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && depth > 0) depth--;
          else if (depth === 0 && (c === COMMA || c === CLOSE_ARRAY)) {
            // Within one chunk (the usual case), decoded straight from it: no copy.
            const text =
              pieces.length === 0
                ? chunk.toString('utf8', pieceStart, i)
                : Buffer.concat([...pieces, chunk.subarray(pieceStart, i)]).toString('utf8');
            ready.push(parse(text, offset + i));
            pieces = [];
            index++;
            state = c === COMMA ? 'before-element' : 'done';
          }
          continue;
        }
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        // A UTF-8 byte order mark (some tools write one), possibly split across chunks.
        if (state === 'start' && offset + i < BOM.length && c === BOM[offset + i]) continue;
        if (state === 'start') {
          if (c !== OPEN_ARRAY) {
            fail(
              c === OPEN_OBJECT ? 'NOT_AN_ARRAY' : 'NOT_JSON',
              c === OPEN_OBJECT
                ? 'holds a JSON object, not an array of plays'
                : 'does not start with a JSON array',
              offset + i,
            );
          }
          state = 'before-element';
        } else if (state === 'before-element') {
          if (c === CLOSE_ARRAY && index === 0) state = 'done';
          else if (c === COMMA || c === CLOSE_ARRAY) fail('NOT_JSON', 'empty element', offset + i);
          else {
            state = 'in-element';
            elementStart = offset + i;
            pieceStart = i;
            depth = c === OPEN_ARRAY || c === OPEN_OBJECT ? 1 : 0;
            inString = c === QUOTE;
            escaped = false;
          }
        } else {
          fail('NOT_JSON', 'content after the end of the array', offset + i);
        }
      }
      if (state === 'in-element') pieces.push(chunk.subarray(pieceStart));
      offset += chunk.length;
      yield* ready;
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      'FILE_UNREADABLE',
      (error as Error).message,
      { file, element: index, byte: offset },
      error,
    );
  }
  // (A cast: TypeScript does not see the loop above reach 'done'.)
  if ((state as State) !== 'done') {
    fail(
      'NOT_JSON',
      state === 'start' ? 'is empty' : 'ends before its array is closed (truncated?)',
      offset,
    );
  }
}
