import { basename } from 'node:path';
import {
  findStreamingHistoryFiles,
  ImportError,
  streamJsonArray,
  toStreamingHistoryRecord,
} from '@spotify-insights/ingestion';
import type { StreamingHistoryPlay } from '@spotify-insights/schemas';

export interface HistoryPlays {
  /** Every play of the files, oldest first (by `ts`, when it ended). */
  plays: StreamingHistoryPlay[];
  files: string[];
  /** Elements that are not a play the schema can carry (the import would dead-letter them). */
  skipped: number;
}

/*
 * Why everything is read before the first send: the export's files overlap and are not
 * sorted across each other, and a replay must go in event-time order. A history of a
 * few hundred thousand plays is a few hundred MB in memory.
 */
/**
 * Reads a user's extended streaming history files (folders are searched) with the
 * importer's readers, as records of the streaming-history schema marked as a replay.
 */
export async function readHistoryPlays(request: {
  paths: readonly string[];
  userId: string;
  runId: string;
  onFile?: (file: string, plays: number) => void;
}): Promise<HistoryPlays> {
  const files = await findStreamingHistoryFiles(request.paths);
  const plays: StreamingHistoryPlay[] = [];
  let skipped = 0;
  const importedAt = Date.now();
  for (const path of files) {
    const fileName = basename(path);
    const envelope = { userId: request.userId, fileName, runId: request.runId, importedAt };
    const before = plays.length;
    for await (const element of streamJsonArray(path)) {
      const value = element.value as Record<string, unknown> | null;
      if (element.index === 0 && !(value && typeof value === 'object' && 'ts' in value)) {
        throw new ImportError(
          'WRONG_SHAPE',
          'not an extended streaming history play (no ts): is this the right file?',
          { file: fileName, element: 0, byte: element.byte },
        );
      }
      const mapped = toStreamingHistoryRecord(element.value, envelope);
      if (mapped.ok) plays.push({ ...mapped.record, endpoint: `replay ${fileName}` });
      else skipped++;
    }
    request.onFile?.(fileName, plays.length - before);
  }
  // Array.prototype.sort is stable: plays of the same instant keep their file order.
  plays.sort((a, b) => a.ts - b.ts);
  return { plays, files, skipped };
}
