import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Knex } from 'knex';
import type { IHeaders, Kafka, Producer } from 'kafkajs';
import type { Logger } from '@spotify-insights/logging';
import { avroType, readSchema, recordProblems, sourceTopic } from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  ensureTopics,
  registerValueSchema,
} from '@spotify-insights/streaming';
import { sendInChunks } from '../producer/send-in-chunks.ts';
import { assertRegisteredSchema, wireValues } from '../producer/wire-encoder.ts';
import { deadLetterTopicSpec, sourceTopicSpec } from '../topic-specs.ts';
import { fileSha256 } from './history-files.ts';
import { describePosition, ImportError } from './import-error.ts';
import { streamJsonArray } from './json-array-stream.ts';
import { PgImportFileStore, type ImportFileKey } from './pg-import-file-store.ts';
import {
  looksLikeStreamingHistory,
  toStreamingHistoryRecord,
  type ImportEnvelope,
} from './streaming-history-record.ts';

const SOURCE = 'streaming-history';

/*
 * Progress is stored once per chunk of elements, after Kafka acknowledged the chunk: an
 * interrupted import re-sends at most one chunk (the transform drops those duplicates),
 * and Postgres sees one write per thousand plays, not one per play.
 */
const DEFAULT_CHUNK_ELEMENTS = 2_000;

export interface StreamingHistoryImporterDeps {
  kafka: Kafka;
  registry: SchemaRegistry;
  /** Holds app.import_files. */
  db: Knex;
  logger: Logger;
  /** The streaming-history topic unless a test or benchmark needs its own. */
  topic?: string;
  chunkElements?: number;
}

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  /** Elements of the array done (sent or dead-lettered), including those of earlier runs. */
  position: number;
  records: number;
  deadLettered: number;
}

export interface FileImportOutcome {
  file: string;
  /** skipped: this file (same content) was imported for this user before. */
  status: 'imported' | 'skipped';
  /** Elements a previous, interrupted run had already sent (0 for a fresh import). */
  resumedAt: number;
  records: number;
  deadLettered: number;
}

export interface FileImportRequest {
  path: string;
  userId: string;
  runId: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface StreamingHistoryImporter {
  importFile(request: FileImportRequest): Promise<FileImportOutcome>;
  close(): Promise<void>;
}

/**
 * Publishes extended streaming history files to their topic like a producer publishes
 * an API source: each play validated against schemas/streaming-history.avsc, a record
 * that does not fit dead-lettered with its file and position, the rest sent with the
 * idempotent producer (key = user id, acks from all replicas), progress per file in
 * app.import_files so that a file imported twice adds nothing and an interrupted one
 * resumes.
 */
export async function openStreamingHistoryImporter(
  deps: StreamingHistoryImporterDeps,
): Promise<StreamingHistoryImporter> {
  const topic = deps.topic ?? sourceTopic(SOURCE);
  const admin = deps.kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [
      { ...sourceTopicSpec(SOURCE), name: topic },
      deadLetterTopicSpec(topic),
    ]);
  } finally {
    await admin.disconnect();
  }
  const type = avroType(SOURCE);
  const schemaId = await registerValueSchema(deps.registry, topic, readSchema(SOURCE));
  assertRegisteredSchema(type, await deps.registry.getSchema(schemaId), schemaId);
  const producer = createIdempotentProducer(deps.kafka);
  await producer.connect();
  const store = new PgImportFileStore(deps.db);
  const chunkElements = deps.chunkElements ?? DEFAULT_CHUNK_ELEMENTS;

  return {
    importFile: (request) =>
      importOneFile({ ...deps, topic, type, schemaId, producer, store, chunkElements }, request),
    close: () => producer.disconnect(),
  };
}

interface FileImportContext extends StreamingHistoryImporterDeps {
  topic: string;
  type: ReturnType<typeof avroType>;
  schemaId: number;
  producer: Producer;
  store: PgImportFileStore;
  chunkElements: number;
}

async function importOneFile(
  ctx: FileImportContext,
  request: FileImportRequest,
): Promise<FileImportOutcome> {
  const file = basename(request.path);
  const log = ctx.logger.child({
    userId: request.userId,
    topic: ctx.topic,
    runId: request.runId,
    file,
  });
  const size = await stat(request.path).then(
    (s) => s.size,
    (error: Error) => {
      throw new ImportError('FILE_UNREADABLE', error.message, { file }, error);
    },
  );
  const key: ImportFileKey = { userId: request.userId, sha256: await fileSha256(request.path) };
  const previous = await ctx.store.get(key);
  if (previous?.status === 'done') {
    log.info('file already imported for this user: skipped');
    return { file, status: 'skipped', resumedAt: previous.position, records: 0, deadLettered: 0 };
  }
  await ctx.store.begin(key, {
    kind: SOURCE,
    fileName: file,
    sizeBytes: size,
    runId: request.runId,
  });

  const resumedAt = previous?.position ?? 0;
  const progress = {
    position: resumedAt,
    records: previous?.records ?? 0,
    deadLettered: previous?.deadLettered ?? 0,
  };
  const envelope: ImportEnvelope = {
    userId: request.userId,
    fileName: file,
    runId: request.runId,
    importedAt: Date.now(),
  };
  const headers: IHeaders = {
    run_id: request.runId,
    endpoint: `import ${file}`,
    fetched_at: String(envelope.importedAt),
  };
  let valid: object[] = [];
  let invalid: Array<{ value: unknown; reason: string; element: number }> = [];
  let sentThisRun = { records: 0, deadLettered: 0 };

  const flush = async (position: number, bytesRead: number) => {
    if (valid.length > 0) {
      const records = valid;
      const messages = (function* () {
        for (const value of wireValues(ctx.type, ctx.schemaId, records))
          yield { key: request.userId, value, headers };
      })();
      await sendInChunks(ctx.producer, ctx.topic, messages);
    }
    if (invalid.length > 0) {
      await sendInChunks(
        ctx.producer,
        deadLetterTopicSpec(ctx.topic).name,
        invalid.map(({ value, reason, element }) => ({
          key: request.userId,
          // Not Avro: it did not fit the schema. JSON keeps it readable as it was in the file.
          value: JSON.stringify(value) ?? 'undefined',
          headers: {
            ...headers,
            dlq_reason: reason,
            dlq_source_topic: ctx.topic,
            import_file: file,
            import_element: String(element),
          },
        })),
      );
      log.warn('elements failed validation and went to the dead-letter topic', {
        count: invalid.length,
      });
    }
    progress.position = position;
    progress.records += valid.length;
    progress.deadLettered += invalid.length;
    sentThisRun = {
      records: sentThisRun.records + valid.length,
      deadLettered: sentThisRun.deadLettered + invalid.length,
    };
    // Only now, with Kafka's acknowledgement, does a resumed import start after these.
    await ctx.store.advance(key, progress);
    valid = [];
    invalid = [];
    request.onProgress?.({ file, bytesRead, totalBytes: size, ...progress });
  };

  let elements = 0;
  for await (const element of streamJsonArray(request.path)) {
    if (element.index === 0 && !looksLikeStreamingHistory(element.value)) {
      throw new ImportError(
        'WRONG_SHAPE',
        'not an extended streaming history play (no ts and ms_played): is this the right file?',
        { file, element: 0, byte: element.byte },
      );
    }
    elements = element.index + 1;
    if (element.index < resumedAt) continue;
    const mapped = toStreamingHistoryRecord(element.value, envelope);
    const problems = mapped.ok ? recordProblems(ctx.type, mapped.record) : [];
    const where = describePosition({ file, element: element.index, byte: element.byte });
    if (!mapped.ok)
      invalid.push({
        value: element.value,
        reason: `${where}: ${mapped.reason}`,
        element: element.index,
      });
    else if (problems.length > 0) {
      const reason = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      invalid.push({ value: element.value, reason: `${where}: ${reason}`, element: element.index });
    } else valid.push(mapped.record);
    if (valid.length + invalid.length >= ctx.chunkElements)
      await flush(elements, element.bytesRead);
  }
  await flush(Math.max(elements, resumedAt), size);
  await ctx.store.finish(key);
  log.info('file imported', { resumedAt, ...sentThisRun });
  return { file, status: 'imported', resumedAt, ...sentThisRun };
}
