import { basename } from 'node:path';
import type { ExportFormat } from './export-format.ts';
import {
  openExportFileImporter,
  type ExportFileImporter,
  type ExportFileImporterDeps,
} from './export-file-importer.ts';
import { ImportError } from './import-error.ts';
import { streamJsonArray } from './json-array-stream.ts';
import { looksLikeStreamingHistory, toStreamingHistoryRecord } from './streaming-history-record.ts';

/**
 * Extended streaming history (Streaming_History_Audio_*.json, older endsong_*.json): a
 * JSON array of plays, each typed by toStreamingHistoryRecord, key = the user id.
 */
export const streamingHistoryFormat: ExportFormat = {
  source: 'streaming-history',
  kind: 'streaming-history',
  open: (path, envelope) => ({
    elements: streamJsonArray(path),
    checkFirst: (element) => {
      if (!looksLikeStreamingHistory(element.value)) {
        throw new ImportError(
          'WRONG_SHAPE',
          'not an extended streaming history play (no ts and ms_played): is this the right file?',
          { file: basename(path), element: 0, byte: element.byte },
        );
      }
    },
    mapChunk: (elements) =>
      Promise.resolve(
        elements.map((element) => {
          const mapped = toStreamingHistoryRecord(element.value, envelope);
          return mapped.ok
            ? { ok: true as const, record: mapped.record, key: envelope.userId }
            : mapped;
        }),
      ),
  }),
};

export type StreamingHistoryImporterDeps = ExportFileImporterDeps;
export type StreamingHistoryImporter = ExportFileImporter;

/** The extended streaming history importer (see openExportFileImporter). */
export const openStreamingHistoryImporter = (
  deps: StreamingHistoryImporterDeps,
): Promise<StreamingHistoryImporter> => openExportFileImporter(streamingHistoryFormat, deps);
