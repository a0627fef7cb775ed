import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@spotify-insights/config';
import {
  findStreamingHistoryFiles,
  ImportError,
  openStreamingHistoryImporter,
  type FileImportOutcome,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { createWarehouseDb, prepareWarehouse } from '@spotify-insights/warehouse';
import { progressReporter } from '../import/progress-bar.ts';

const USAGE = `Usage:
  import history --user <spotify user id> <file or folder>...
      Streaming_History_Audio_*.json / endsong_*.json of Spotify's extended streaming
      history export (folders are searched); a file imported before is skipped, an
      interrupted one resumes.
`;

/** `--user X` and the rest, or undefined when the user is missing. */
function parseArgs(args: string[]): { userId: string; paths: string[] } | undefined {
  const at = args.indexOf('--user');
  const userId = at >= 0 ? args[at + 1] : undefined;
  if (!userId || userId.startsWith('--')) return undefined;
  return { userId, paths: args.filter((_, i) => i !== at && i !== at + 1) };
}

function summary(outcomes: FileImportOutcome[]): string {
  const imported = outcomes.filter((o) => o.status === 'imported');
  const sum = (k: 'records' | 'deadLettered') => outcomes.reduce((n, o) => n + o[k], 0);
  const lines = outcomes.map(
    (o) =>
      `  ${o.file}: ${o.status === 'skipped' ? 'already imported, skipped' : `${o.records} plays sent${o.deadLettered ? `, ${o.deadLettered} dead-lettered` : ''}${o.resumedAt ? ` (resumed after ${o.resumedAt})` : ''}`}`,
  );
  return [
    `Imported ${imported.length} of ${outcomes.length} files: ${sum('records')} plays sent to Kafka, ${sum('deadLettered')} dead-lettered.`,
    ...lines,
    'The consumers land them in raw; the next transform run puts them in the warehouse.',
  ].join('\n');
}

/** `import history --user <id> <files or folders...>`: the user's export into Kafka. */
export async function importCommand(argv: string[], config: AppConfig): Promise<number> {
  const [kind, ...rest] = argv;
  const parsed = kind === 'history' ? parseArgs(rest) : undefined;
  if (!parsed || parsed.paths.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const logger = createLogger('import', { level: config.logLevel });
  const db = createWarehouseDb(config.warehouse, { poolMax: 2 });
  const runId = `import-${new Date().toISOString()}-${randomUUID().slice(0, 4)}`;
  const outcomes: FileImportOutcome[] = [];
  try {
    const files = await findStreamingHistoryFiles(parsed.paths);
    if (files.length === 0) {
      process.stderr.write(`no streaming history files in ${parsed.paths.join(', ')}\n${USAGE}`);
      return 2;
    }
    await prepareWarehouse(db, config.warehouse);
    const importer = await openStreamingHistoryImporter({
      kafka: createKafka(config.kafka, logger),
      registry: createSchemaRegistry(config.schemaRegistry),
      db,
      logger,
    });
    try {
      for (const path of files) {
        const progress = progressReporter();
        outcomes.push(
          await importer.importFile({
            path,
            userId: parsed.userId,
            runId,
            onProgress: progress.update,
          }),
        );
        progress.done();
      }
    } finally {
      await importer.close();
    }
    process.stdout.write(`${summary(outcomes)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    if (outcomes.length > 0) process.stdout.write(`${summary(outcomes)}\n`);
    process.stderr.write(`import stopped: ${error.message} (${error.code})\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}
