import type { AppConfig } from '@spotify-insights/config';
import type { Knex } from 'knex';
import { openStreamingHistoryImporter } from '@spotify-insights/ingestion';
import type { Logger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { nowMs } from '../ingest/clock.ts';
import { createProgress } from '../ingest/progress.ts';
import type { GeneratedExport } from './synthetic-export.ts';

export interface ImportStageResult {
  startedAt: number;
  finishedAt: number;
  records: number;
  deadLettered: number;
}

/**
 * What `import history --user <id> <folder>` does for each user, one file after the
 * other, through the real importer: stream the array, type and check each play, Avro,
 * send in chunks with acks from all replicas, progress in app.import_files. Timed from
 * the first file opened to the last chunk acknowledged and recorded.
 */
export async function runImportStage(input: {
  config: AppConfig;
  db: Knex;
  logger: Logger;
  topic: string;
  generated: GeneratedExport;
}): Promise<ImportStageResult> {
  const importer = await openStreamingHistoryImporter({
    kafka: createKafka(input.config.kafka, input.logger),
    registry: createSchemaRegistry(input.config.schemaRegistry),
    db: input.db,
    logger: input.logger,
    topic: input.topic,
  });
  const progress = createProgress('import', input.generated.plays);
  let done = 0;
  let records = 0;
  let deadLettered = 0;
  const startedAt = nowMs();
  try {
    for (const { userId, files } of input.generated.folders) {
      for (const path of files) {
        const outcome = await importer.importFile({
          path,
          userId,
          runId: 'bench-import',
          onProgress: (p) => progress.update(done + p.position),
        });
        done += outcome.records + outcome.deadLettered;
        records += outcome.records;
        deadLettered += outcome.deadLettered;
      }
    }
    progress.finish();
    return { startedAt, finishedAt: nowMs(), records, deadLettered };
  } finally {
    await importer.close();
  }
}
