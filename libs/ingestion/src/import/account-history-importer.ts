import { basename } from 'node:path';
import {
  accountPlayRecord,
  looksLikeAccountHistory,
  parseAccountPlay,
  type AccountPlay,
} from './account-history-record.ts';
import type { ElementOutcome, ExportFormat } from './export-format.ts';
import {
  openExportFileImporter,
  type ExportFileImporter,
  type ExportFileImporterDeps,
} from './export-file-importer.ts';
import { ImportError } from './import-error.ts';
import { streamJsonArray } from './json-array-stream.ts';
import { namesKey } from './pg-search-resolution-store.ts';
import type { TrackResolver } from './track-resolver.ts';

/**
 * Account data (StreamingHistory*.json, StreamingHistory_music_*.json): plays without a
 * track id, each resolved by (artist, track) through the resolver, then published to
 * the streaming-history topic like an extended history play (the same schema fits, so
 * the same staging, model and dedupe take them; key = the user id). A play search did
 * not find cannot be a play of the warehouse (its grain needs the track): it goes to the
 * dead-letter topic with its names, counted as unresolved.
 */
export const accountHistoryFormat = (resolver: TrackResolver): ExportFormat => ({
  source: 'streaming-history',
  kind: 'account-history',
  open: (path, envelope) => ({
    elements: streamJsonArray(path),
    checkFirst: (element) => {
      if (!looksLikeAccountHistory(element.value)) {
        throw new ImportError(
          'WRONG_SHAPE',
          'not an account-data play (no endTime and msPlayed): is this the right file?',
          { file: basename(path), element: 0, byte: element.byte },
        );
      }
      if (!('trackName' in (element.value as object))) {
        throw new ImportError(
          'WRONG_SHAPE',
          'podcast account data (no trackName): only music plays are imported',
          { file: basename(path), element: 0, byte: element.byte },
        );
      }
    },
    mapChunk: async (elements) => {
      const parsed = elements.map((e) => parseAccountPlay(e.value));
      const plays = parsed.flatMap((p) => (p.ok ? [p.play] : []));
      const trackIds = await resolver.resolve(plays);
      return parsed.map((p, i): ElementOutcome => {
        if (!p.ok) return p;
        const trackId = trackIds.get(namesKey(p.play));
        if (!trackId) return unresolved(p.play);
        return {
          ok: true,
          record: accountPlayRecord(p.play, trackId, elements[i]!.value, envelope),
          key: envelope.userId,
        };
      });
    },
  }),
});

const unresolved = (play: AccountPlay): ElementOutcome => ({
  ok: false,
  unresolved: true,
  reason: `no track found by search for artist ${JSON.stringify(play.artistName)}, track ${JSON.stringify(play.trackName)}`,
});

/** The account-data importer (see openExportFileImporter). */
export const openAccountHistoryImporter = (
  deps: ExportFileImporterDeps & { resolver: TrackResolver },
): Promise<ExportFileImporter> => openExportFileImporter(accountHistoryFormat(deps.resolver), deps);
