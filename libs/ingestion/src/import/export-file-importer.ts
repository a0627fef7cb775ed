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
import type { ExportElement, ExportFormat, ImportEnvelope } from './export-format.ts';
import { fileSha256 } from './history-files.ts';
import { describePosition, ImportError } from './import-error.ts';
import { PgImportFileStore, type ImportFileKey } from './pg-import-file-store.ts';

/*
 * Progress is stored once per chunk of elements, after Kafka acknowledged the chunk: an
 * interrupted import re-sends at most one chunk (the transform drops those duplicates),
 * and Postgres sees one write per thousands of plays, not one per play.
 */
const DEFAULT_CHUNK_ELEMENTS = 2_000;

export interface ExportFileImporterDeps {
  kafka: Kafka;
  registry: SchemaRegistry;
  /** Holds app.import_files. */
  db: Knex;
  logger: Logger;
  /** The format's source topic unless a test or benchmark needs its own. */
  topic?: string;
  chunkElements?: number;
}

export interface ImportProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
  /** Elements of the file done (sent or dead-lettered), including those of earlier runs. */
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
  /** Dead-lettered this run, the unresolved included. */
  deadLettered: number;
  /** Of those, well-formed plays whose track search did not find (account data only). */
  unresolved: number;
}

export interface FileImportRequest {
  path: string;
  /** The user the file belongs to (`spotify-charts` for charts): app.import_files' owner. */
  userId: string;
  runId: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the import after the chunk in hand is acknowledged and recorded (resumable). */
  signal?: AbortSignal;
}

export interface ExportFileImporter {
  importFile(request: FileImportRequest): Promise<FileImportOutcome>;
  close(): Promise<void>;
}

/**
 * Publishes export files of one format to its topic like a producer publishes an API
 * source: each element mapped by the format and validated against its Avro schema, an
 * element that does not fit dead-lettered with its file and position, the rest sent
 * with the idempotent producer (acks from all replicas), progress per file in
 * app.import_files so that a file imported twice adds nothing and an interrupted one
 * resumes after its last acknowledged chunk.
 */
export async function openExportFileImporter(
  format: ExportFormat,
  deps: ExportFileImporterDeps,
): Promise<ExportFileImporter> {
  const topic = deps.topic ?? sourceTopic(format.source);
  const admin = deps.kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [
      { ...sourceTopicSpec(format.source), name: topic },
      deadLetterTopicSpec(topic),
    ]);
  } finally {
    await admin.disconnect();
  }
  const type = avroType(format.source);
  const schemaId = await registerValueSchema(deps.registry, topic, readSchema(format.source));
  assertRegisteredSchema(type, await deps.registry.getSchema(schemaId), schemaId);
  const producer = createIdempotentProducer(deps.kafka);
  await producer.connect();
  const store = new PgImportFileStore(deps.db);
  const chunkElements = deps.chunkElements ?? DEFAULT_CHUNK_ELEMENTS;
  return {
    importFile: (request) =>
      importOneFile(
        { ...deps, format, topic, type, schemaId, producer, store, chunkElements },
        request,
      ),
    close: () => producer.disconnect(),
  };
}

interface FileImportContext extends ExportFileImporterDeps {
  format: ExportFormat;
  topic: string;
  type: ReturnType<typeof avroType>;
  schemaId: number;
  producer: Producer;
  store: PgImportFileStore;
  chunkElements: number;
}

interface DeadLetter {
  value: unknown;
  reason: string;
  element: number;
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
    log.info('file already imported: skipped');
    return {
      file,
      status: 'skipped',
      resumedAt: previous.position,
      records: 0,
      deadLettered: 0,
      unresolved: 0,
    };
  }
  const envelope: ImportEnvelope = {
    userId: request.userId,
    fileName: file,
    runId: request.runId,
    importedAt: Date.now(),
  };
  // Opening checks what the file name must say (a chart's name and date) before any row.
  const reader = ctx.format.open(request.path, envelope);
  await ctx.store.begin(key, {
    kind: ctx.format.kind,
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
  const headers: IHeaders = {
    run_id: request.runId,
    endpoint: `import ${file}`,
    fetched_at: String(envelope.importedAt),
  };
  const thisRun = { records: 0, deadLettered: 0, unresolved: 0 };
  let pending: ExportElement[] = [];

  /** Maps and checks a chunk: the records to send and the dead letters, in file order. */
  const classify = async (chunk: readonly ExportElement[]) => {
    const outcomes = chunk.length === 0 ? [] : await reader.mapChunk(chunk);
    const valid: Array<{ key: string; record: object }> = [];
    const invalid: DeadLetter[] = [];
    let unresolved = 0;
    outcomes.forEach((outcome, i) => {
      const element = chunk[i]!;
      const where = () =>
        describePosition({
          file,
          ...(element.line === undefined ? { element: element.index } : { line: element.line }),
          byte: element.byte,
        });
      if (!outcome.ok) {
        invalid.push({
          value: element.value,
          reason: `${where()}: ${outcome.reason}`,
          element: element.index,
        });
        if (outcome.unresolved) unresolved++;
        return;
      }
      const problems = recordProblems(ctx.type, outcome.record);
      if (problems.length === 0) valid.push(outcome);
      else {
        const reason = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        invalid.push({
          value: element.value,
          reason: `${where()}: ${reason}`,
          element: element.index,
        });
      }
    });
    return { valid, invalid, unresolved };
  };

  /*
   * One chunk in flight while the next is read and mapped: parsing is CPU, the send is
   * mostly waiting for the broker, so they overlap. Sends and position records still
   * happen one after the other, in file order: a recorded position never passes a chunk
   * that Kafka has not acknowledged.
   */
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (position: number, bytesRead: number) => {
    const chunk = pending;
    pending = [];
    const { valid, invalid, unresolved } = await classify(chunk);
    await inFlight;
    // Stopped: what is in Kafka is recorded; this chunk is not sent (the re-run sends it).
    if (request.signal?.aborted && chunk.length > 0) {
      log.warn('import interrupted: resumes after the last chunk', { at: progress.position });
      throw new ImportError('INTERRUPTED', `interrupted after ${progress.position} elements`, {
        file,
        element: progress.position,
      });
    }
    inFlight = (async () => {
      await send(ctx, request.userId, file, headers, valid, invalid);
      if (invalid.length > 0) {
        log.warn('elements failed validation and went to the dead-letter topic', {
          count: invalid.length,
        });
      }
      progress.position = position;
      progress.records += valid.length;
      progress.deadLettered += invalid.length;
      thisRun.records += valid.length;
      thisRun.deadLettered += invalid.length;
      thisRun.unresolved += unresolved;
      // Only now, with Kafka's acknowledgement, does a resumed import start after these.
      await ctx.store.advance(key, progress);
      request.onProgress?.({ file, bytesRead, totalBytes: size, ...progress });
    })();
    // Observed by the next flush (or the end of the file): never an unhandled rejection.
    inFlight.catch(() => undefined);
  };

  let elements = 0;
  for await (const element of reader.elements) {
    if (element.index === 0) reader.checkFirst(element);
    elements = element.index + 1;
    if (element.index < resumedAt) continue;
    pending.push(element);
    if (pending.length >= ctx.chunkElements) await flush(elements, element.bytesRead);
  }
  await flush(Math.max(elements, resumedAt), size);
  await inFlight;
  await ctx.store.finish(key);
  log.info('file imported', { resumedAt, ...thisRun });
  return { file, status: 'imported', resumedAt, ...thisRun };
}

/** The chunk's records to the topic and its dead letters to the .dlq, both acknowledged. */
async function send(
  ctx: FileImportContext,
  owner: string,
  file: string,
  headers: IHeaders,
  valid: ReadonlyArray<{ key: string; record: object }>,
  invalid: readonly DeadLetter[],
): Promise<void> {
  if (valid.length > 0) {
    const values = wireValues(
      ctx.type,
      ctx.schemaId,
      valid.map((v) => v.record),
    );
    // No headers on the records themselves: run id, endpoint and import time are in the
    // value already, and kafkajs encodes each header of each record apart (a third of
    // its work for a 700-byte play). Dead letters keep them, beside their reason.
    const messages = (function* () {
      let i = 0;
      for (const value of values) yield { key: valid[i++]!.key, value };
    })();
    await sendInChunks(ctx.producer, ctx.topic, messages);
  }
  if (invalid.length > 0) {
    await sendInChunks(
      ctx.producer,
      deadLetterTopicSpec(ctx.topic).name,
      invalid.map(({ value, reason, element }) => ({
        key: owner,
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
  }
}
