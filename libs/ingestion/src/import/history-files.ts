import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ImportError } from './import-error.ts';

/** Extended streaming history files, new and old names (audio only: video files are another import). */
export const STREAMING_HISTORY_FILE = /^(Streaming_History_Audio_.*|endsong_\d+)\.json$/i;

/**
 * Account-data streaming history, old and new names (music only: podcast files name no
 * track, and search for tracks cannot resolve them).
 */
export const ACCOUNT_HISTORY_FILE = /^StreamingHistory(_music_)?\d+\.json$/i;

/** Spotify Charts downloads: <chart>-YYYY-MM-DD.csv. */
export const CHARTS_FILE = /^[a-z0-9]+(-[a-z0-9]+)*-\d{4}-\d{2}-\d{2}\.csv$/i;

/**
 * The files to import from what the user named: files as given, folders searched
 * (recursively, as the export unzips into a folder tree) for streaming history files.
 * Sorted by name so the import order, and so its progress output, is stable.
 */
export const findStreamingHistoryFiles = (paths: readonly string[]): Promise<string[]> =>
  findExportFiles(paths, STREAMING_HISTORY_FILE);

/** findStreamingHistoryFiles for any kind of export file, by its name pattern. */
export async function findExportFiles(
  paths: readonly string[],
  pattern: RegExp,
): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: Error) => {
      throw new ImportError('FILE_UNREADABLE', error.message, { file: path }, error);
    });
    if (!info.isDirectory()) {
      found.push(path);
      continue;
    }
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && pattern.test(entry.name)) {
        found.push(join(entry.parentPath, entry.name));
      }
    }
  }
  return [...new Set(found)].sort(
    (a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b),
  );
}

/** The file's SHA-256 (hex), read as a stream: what identifies it across names and runs. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new ImportError(
      'FILE_UNREADABLE',
      (error as Error).message,
      { file: basename(path) },
      error,
    );
  }
  return hash.digest('hex');
}
