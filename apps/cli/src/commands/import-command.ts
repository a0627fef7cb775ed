import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppConfig } from '@spotify-insights/config';
import {
  CHARTS_FILE,
  CHARTS_OWNER,
  findExportFiles,
  ImportError,
  openAccountHistoryImporter,
  openChartsImporter,
  openStreamingHistoryImporter,
  PgSearchResolutionStore,
  PgTokenKeyValueStore,
  spotifyTrackSearch,
  TrackResolver,
  type ExportFileImporter,
  type ExportFileImporterDeps,
  type FileImportOutcome,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { sourceTopic } from '@spotify-insights/schemas';
import { createSpotifyClient, EncryptedTokenStore } from '@spotify-insights/spotify';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';
import { historyFilesByKind } from '../import/history-file-kinds.ts';
import { importSummary, type FileFailure } from '../import/import-summary.ts';
import { progressReporter } from '../import/progress-bar.ts';

const USAGE = `Usage:
  import history --user <spotify user id> <file or folder>...
      The user's streaming history: extended (Streaming_History_Audio_*.json,
      endsong_*.json) and account data (StreamingHistory*.json,
      StreamingHistory_music_*.json, tracks resolved through search once per
      distinct artist and track, cached). Folders are searched.
  import charts <file or folder>...
      Spotify Charts CSV files (<chart>-YYYY-MM-DD.csv, e.g.
      regional-global-daily-2024-01-01.csv).
  A file imported before is skipped; an interrupted one (Ctrl-C finishes the chunk in
  hand) resumes where it stopped.
`;

/** `--user X` and the rest, or undefined when the user is missing. */
function parseHistoryArgs(args: string[]): { userId: string; paths: string[] } | undefined {
  const at = args.indexOf('--user');
  const userId = at >= 0 ? args[at + 1] : undefined;
  if (!userId || userId.startsWith('--')) return undefined;
  return { userId, paths: args.filter((_, i) => i !== at && i !== at + 1) };
}

/** One kind of file to import: how to open its importer and what its records are. */
interface ImportBatch {
  files: string[];
  owner: string;
  unit: string;
  topic: string;
  open: (deps: ExportFileImporterDeps) => Promise<ExportFileImporter>;
  resolver?: TrackResolver;
}

interface BatchResult {
  outcomes: FileImportOutcome[];
  failures: FileFailure[];
  interrupted: boolean;
}

/*
 * A wrong or broken file is reported and the next file imported: one bad file out of
 * forty must not stop the other thirty-nine. An interruption stops everything (what was
 * acknowledged is recorded; running the same command again resumes).
 */
async function importBatch(
  batch: ImportBatch,
  deps: ExportFileImporterDeps,
  runId: string,
  signal: AbortSignal,
): Promise<BatchResult> {
  const result: BatchResult = { outcomes: [], failures: [], interrupted: false };
  const importer = await batch.open(deps);
  try {
    for (const path of batch.files) {
      if (signal.aborted) {
        result.interrupted = true;
        break;
      }
      const progress = progressReporter();
      try {
        result.outcomes.push(
          await importer.importFile({
            path,
            userId: batch.owner,
            runId,
            onProgress: progress.update,
            signal,
          }),
        );
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        if (error.code === 'INTERRUPTED') result.interrupted = true;
        else result.failures.push({ file: error.position.file, message: error.message });
      } finally {
        progress.done();
      }
      if (result.interrupted) break;
    }
  } finally {
    await importer.close();
  }
  return result;
}

/** The account-data importer's search: the Spotify client with its app-wide rate limiter. */
function trackResolver(config: AppConfig, db: Knex, logger: ReturnType<typeof createLogger>) {
  const client = createSpotifyClient({
    config,
    tokenStore: new EncryptedTokenStore(
      new PgTokenKeyValueStore(db),
      config.spotify.tokenEncryptionKey,
    ),
    logger,
  });
  return new TrackResolver(new PgSearchResolutionStore(db), spotifyTrackSearch(client));
}

async function batchesOf(
  kind: string | undefined,
  args: string[],
  config: AppConfig,
  db: Knex,
  logger: ReturnType<typeof createLogger>,
): Promise<ImportBatch[] | undefined> {
  if (kind === 'charts') {
    if (args.length === 0) return undefined;
    return [
      {
        files: await findExportFiles(args, CHARTS_FILE),
        owner: CHARTS_OWNER,
        unit: 'chart rows',
        topic: sourceTopic('charts'),
        open: openChartsImporter,
      },
    ];
  }
  const parsed = kind === 'history' ? parseHistoryArgs(args) : undefined;
  if (!parsed || parsed.paths.length === 0) return undefined;
  const { extended, account } = await historyFilesByKind(parsed.paths);
  const batches: ImportBatch[] = [];
  const topic = sourceTopic('streaming-history');
  if (extended.length > 0) {
    batches.push({
      files: extended,
      owner: parsed.userId,
      unit: 'plays',
      topic,
      open: openStreamingHistoryImporter,
    });
  }
  if (account.length > 0) {
    const resolver = trackResolver(config, db, logger);
    batches.push({
      files: account,
      owner: parsed.userId,
      unit: 'plays',
      topic,
      resolver,
      open: (deps) => openAccountHistoryImporter({ ...deps, resolver }),
    });
  }
  return batches;
}

/** `import history --user <id> <paths…>` and `import charts <paths…>`: export files into Kafka. */
export async function importCommand(argv: string[], config: AppConfig): Promise<number> {
  const [kind, ...rest] = argv;
  const logger = createLogger('import', { level: config.logLevel });
  const db = createWarehouseDb(config.warehouse, { poolMax: 4 });
  const runId = `import-${new Date().toISOString()}-${randomUUID().slice(0, 4)}`;
  const abort = new AbortController();
  const onSignal = () => {
    process.stderr.write('\ninterrupting after the chunk in hand…\n');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let batches: ImportBatch[] | undefined;
    try {
      batches = await batchesOf(kind, rest, config, db, logger);
    } catch (error) {
      // A path that cannot be read: said with the path, before anything is sent.
      if (!(error instanceof ImportError)) throw error;
      process.stderr.write(`import: ${error.message}\n`);
      return 1;
    }
    if (!batches) {
      process.stderr.write(USAGE);
      return 2;
    }
    if (batches.every((b) => b.files.length === 0)) {
      process.stderr.write(`no ${kind} files found\n${USAGE}`);
      return 2;
    }
    await prepareWarehouse(db, config.warehouse);
    const deps: ExportFileImporterDeps = {
      kafka: createKafka(config.kafka, logger),
      registry: createSchemaRegistry(config.schemaRegistry),
      db,
      logger,
    };
    let failed = false;
    let interrupted = false;
    for (const batch of batches) {
      if (batch.files.length === 0) continue;
      const result = await importBatch(batch, deps, runId, abort.signal);
      process.stdout.write(
        `${importSummary({ ...batch, ...result, ...(batch.resolver ? { resolution: batch.resolver.stats } : {}) })}\n`,
      );
      failed ||= result.failures.length > 0;
      interrupted ||= result.interrupted;
      if (interrupted) break;
    }
    if (interrupted) {
      process.stderr.write('import interrupted: run the same command again to resume\n');
      return 130;
    }
    return failed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db.destroy();
  }
}
