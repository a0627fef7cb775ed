import type { ImportSourceName } from '@spotify-insights/schemas';

/** What app.import_files.kind says a file was: each format has its own. */
export type ImportKind = 'streaming-history' | 'account-history' | 'charts';

/** One element of an export file (an array element, a CSV data row), with where it was. */
export interface ExportElement {
  /** 0-based index among the file's elements: what app.import_files.position counts. */
  index: number;
  value: unknown;
  /** Byte offset of the element's first character. */
  byte: number;
  /** 1-based line (CSV files; the header is line 1). */
  line?: number;
  /** Bytes of the file read once this element ended (for progress by bytes). */
  bytesRead: number;
}

/** What the importer knows of a file and its run: the envelope of every record. */
export interface ImportEnvelope {
  /** The Spotify user the file belongs to, or `spotify-charts` for charts. */
  userId: string;
  fileName: string;
  runId: string;
  importedAt: number;
}

/**
 * An element as a record of the topic, or why it cannot be one. `unresolved`: it is
 * well-formed but names a track search did not find (dead-lettered, counted apart).
 */
export type ElementOutcome =
  { ok: true; record: object; key: string } | { ok: false; reason: string; unresolved?: boolean };

/** One file opened by its format: its elements, and how a chunk of them becomes records. */
export interface ExportFileReader {
  elements: AsyncIterable<ExportElement>;
  /**
   * Throws an ImportError (WRONG_SHAPE) if the first element shows this is another kind
   * of file: a whole wrong file is refused, not dead-lettered element by element.
   */
  checkFirst(element: ExportElement): void;
  /** A chunk at a time, so a format that must look things up does it once per chunk. */
  mapChunk(elements: readonly ExportElement[]): Promise<ElementOutcome[]>;
}

/**
 * A kind of export file: which topic (by its source's schema) its records go to, and
 * how to read one. Streaming history, account data and charts are three of these
 * behind one importer (export-file-importer.ts).
 */
export interface ExportFormat {
  source: ImportSourceName;
  kind: ImportKind;
  open(path: string, envelope: ImportEnvelope): ExportFileReader;
}
