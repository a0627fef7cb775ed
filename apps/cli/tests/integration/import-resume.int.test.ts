import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import {
  ImportError,
  openStreamingHistoryImporter,
  type StreamingHistoryImporter,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import { sourceTopic } from '@spotify-insights/schemas';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { runTransform } from '@spotify-insights/transform';
import { createScratchDatabase, type ScratchDatabase } from '@spotify-insights/warehouse';
import { readTopic, type TopicRecord } from './support/read-topic.ts';
import { deleteTestTopics, testPipeline } from './support/test-pipeline.ts';

/*
 * Issue 6 §1: an import interrupted mid-file, then run again.
 *
 * The guarantee, precisely:
 *  - stopped on purpose (Ctrl-C, SIGTERM: the abort signal) the import finishes the chunk
 *    in hand, records its position, and stops: the re-run starts after it, and every play
 *    is in the topic EXACTLY ONCE;
 *  - killed outright (SIGKILL, a crash, a power cut) a chunk can be in Kafka before its
 *    position is recorded: the re-run sends it again, so every play is in the topic AT
 *    LEAST ONCE, at most one chunk twice, and in the warehouse EXACTLY ONCE (the plays
 *    grain, user + second + track, keeps one row per play).
 */
const config = loadConfig();
const suffix = `resume-${process.pid}-${Date.now() % 100_000}`;
const topics = {
  aborted: `it-${suffix}-a.${sourceTopic('streaming-history')}`,
  killed: `it-${suffix}-k.${sourceTopic('streaming-history')}`,
};
const logger = createLogger('resume-test', { level: 'error' });
const kafka = createKafka(config.kafka);
const registry = createSchemaRegistry(config.schemaRegistry);
const pipeline = testPipeline(config, suffix, logger);
const PLAYS = 1_000;
const CHUNK = 50;
const dir = mkdtempSync(join(tmpdir(), 'resume-'));

/** PLAYS distinct plays (one a minute, ten tracks), as the extended export writes them. */
function exportFile(name: string, firstTs: number): string {
  const plays = Array.from({ length: PLAYS }, (_, i) => ({
    ts: new Date(firstTs + i * 60_000).toISOString().replace('.000', ''),
    platform: 'android',
    ms_played: 120_000 + i,
    conn_country: 'DE',
    ip_addr: '203.0.113.7',
    master_metadata_track_name: `Track ${i % 10}`,
    master_metadata_album_artist_name: 'Artist',
    master_metadata_album_album_name: 'Album',
    spotify_track_uri: `spotify:track:${String(i % 10).padEnd(22, 'R')}`,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: 'trackdone',
    reason_end: 'trackdone',
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: 0,
    incognito_mode: false,
  }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(plays, null, 1));
  return path;
}

const playKey = (r: TopicRecord) => `${r.value['user_id']}|${r.value['ts']}|${r.value['track_id']}`;

let scratch: ScratchDatabase;
const importers: StreamingHistoryImporter[] = [];
const open = async (topic: string) => {
  const importer = await openStreamingHistoryImporter({
    kafka,
    registry,
    db: scratch.db,
    logger,
    topic,
    chunkElements: CHUNK,
  });
  importers.push(importer);
  return importer;
};

beforeAll(async () => {
  scratch = await createScratchDatabase(config.warehouse, 'import_resume');
  await pipeline.makeBuckets();
}, 120_000);

afterAll(async () => {
  for (const importer of importers) await importer.close();
  await deleteTestTopics(config, Object.values(topics));
  await pipeline.cleanup();
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('an import interrupted mid-file, then run again', () => {
  it('stopped by its signal: resumes after the recorded chunk, every play once in the topic', async () => {
    const path = exportFile(
      'Streaming_History_Audio_2024_0.json',
      Date.parse('2024-01-01T00:00:00Z'),
    );
    const importer = await open(topics.aborted);
    const stop = new AbortController();

    const interrupted = await importer
      .importFile({
        path,
        userId: 'resume-user',
        runId: 'r1',
        signal: stop.signal,
        onProgress: (p) => {
          if (p.position >= 6 * CHUNK) stop.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(interrupted).toBeInstanceOf(ImportError);
    expect((interrupted as ImportError).code).toBe('INTERRUPTED');
    const rerun = await importer.importFile({ path, userId: 'resume-user', runId: 'r2' });

    expect(rerun).toMatchObject({
      status: 'imported',
      resumedAt: 6 * CHUNK,
      records: PLAYS - 6 * CHUNK,
    });
    const records = await readTopic(kafka, registry, topics.aborted);
    expect(records).toHaveLength(PLAYS);
    expect(new Set(records.map(playKey)).size).toBe(PLAYS);
  }, 120_000);

  it('killed outright: every play at least once in the topic (one chunk at most twice), exactly once in the warehouse', async () => {
    const path = exportFile(
      'Streaming_History_Audio_2024_1.json',
      Date.parse('2024-06-01T00:00:00Z'),
    );
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, 'support', 'import-child.ts'),
        scratch.url,
        topics.killed,
        path,
        'killed-user',
        String(CHUNK),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    for await (const line of createInterface({ input: child.stdout! })) {
      if ((JSON.parse(line) as { position: number }).position >= 8 * CHUNK) {
        child.kill('SIGKILL');
        break;
      }
    }
    await exited;
    const stored = await scratch.db('app.import_files').where({ user_id: 'killed-user' }).first();
    expect(stored).toMatchObject({ status: 'importing' });
    expect(stored.position).toBeGreaterThanOrEqual(8 * CHUNK);
    expect(stored.position).toBeLessThan(PLAYS);

    const rerun = await (
      await open(topics.killed)
    ).importFile({ path, userId: 'killed-user', runId: 'k2' });
    expect(rerun).toMatchObject({ status: 'imported', resumedAt: stored.position });

    const records = await readTopic(kafka, registry, topics.killed);
    const distinct = new Set(records.map(playKey));
    expect(distinct.size).toBe(PLAYS);
    expect(records.length - PLAYS).toBeLessThanOrEqual(CHUNK);

    expect(
      await pipeline.landInRaw(
        { name: topics.killed, source: 'streaming-history' },
        records.length,
      ),
    ).toBe(records.length);
    await pipeline.copyRawObjects();
    const run = await runTransform(
      { db: scratch.db, lake: pipeline.lake, logger, buckets: pipeline.buckets },
      { trigger: 'manual' },
    );
    expect(run.status, JSON.stringify(run.quality?.blocked)).toBe('succeeded');
    const [facts] = await scratch.db('warehouse.fct_play').count<{ n: string }[]>('* as n');
    expect(Number(facts!.n)).toBe(PLAYS);
  }, 180_000);
});
