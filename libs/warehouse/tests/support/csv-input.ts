import { Readable } from 'node:stream';
import type { ModelCsv } from '../../src/index.ts';

/** A processed model's CSV (header line first) as the loader takes it. */
export const csv =
  (text: string): ModelCsv =>
  () =>
    Readable.from([text.trim() + '\n']);
