import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { createLakeClient } from '@spotify-insights/lake';
import { createLogger } from '@spotify-insights/logging';
import { readSchema } from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { createRawConsumer, readRawLines, type RawLine } from '../../src/index.ts';

/*
 * SIGKILL a consumer in the middle of its work, start another: raw ends with every
 * record exactly once. The killed consumer runs in its own process, so the kill is real.
 */
const config = loadConfig();
const registry = createSchemaRegistry(config.schemaRegistry);
let kafka: Kafka;
let lake: Client;
const spec: TopicSpec = {
  name: `it.kill.${randomUUID().slice(0, 8)}`,
  partitions: 2,
  retentionMs: 86_400_000,
};
const groupId = `it-kill-${spec.name}`;
const TOTAL = 600;

beforeAll(async () => {
  kafka = createKafka(config.kafka);
  lake = createLakeClient(config.lake);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [spec]);
  await admin.disconnect();
  const schemaId = await registerValueSchema(registry, spec.name, readSchema('liked-songs'));
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const messages = await Promise.all(
    Array.from({ length: TOTAL }, async (_, i) => ({
      key: `user${i % 4}`,
      value: await registry.encode(schemaId, {
        user_id: `user${i % 4}`,
        fetched_at: Date.parse('2026-11-22T10:00:00Z'),
        endpoint: 'GET /me/tracks',
        run_id: 'kill-test',
        added_at: Date.parse('2026-11-01T00:00:00Z') + i,
        track_id: `t${i}`,
        track_name: `Track ${i}`,
        duration_ms: 1000,
        isrc: null,
        album_id: 'a',
        artist_ids: ['x'],
        item_json: JSON.stringify({ added_at: 'x', track: { id: `t${i}` } }),
      }),
    })),
  );
  await producer.send({ topic: spec.name, acks: -1, messages });
  await producer.disconnect();
});

afterAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [spec.name, `${spec.name}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
});

/** A consumer in a child process that logs each stored chunk; killed after the first ones. */
function consumerProcess() {
  const code = `
    import { loadConfig } from '@spotify-insights/config';
    import { createLakeClient } from '@spotify-insights/lake';
    import { createLogger } from '@spotify-insights/logging';
    import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
    import { createRawConsumer } from '@spotify-insights/ingestion';
    const config = loadConfig();
    const consumer = createRawConsumer({
      kafka: createKafka(config.kafka), registry: createSchemaRegistry(config.schemaRegistry),
      lake: createLakeClient(config.lake), topic: ${JSON.stringify(spec)}, groupId: ${JSON.stringify(groupId)},
      logger: createLogger('victim', { level: 'warn' }), batch: { maxRecords: 25, maxWaitMs: 100 },
      onChunkStored: () => process.stdout.write('stored\\n'),
    });
    await consumer.start();`;
  return spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function rawLines(): Promise<RawLine[]> {
  return (await readRawLines(lake, spec.name)).map(({ line }) => line);
}

describe('a consumer killed with SIGKILL mid-work', () => {
  it('loses nothing and duplicates nothing once another consumer takes over', async () => {
    const victim = consumerProcess();
    let stored = 0;
    await new Promise<void>((resolve) => {
      victim.stdout!.on('data', (d: Buffer) => {
        stored += d
          .toString()
          .split('\n')
          .filter((l) => l === 'stored').length;
        if (stored >= 3) resolve();
      });
    });
    victim.kill('SIGKILL');
    await new Promise((resolve) => victim.on('exit', resolve));
    expect((await rawLines()).length).toBeLessThan(TOTAL);

    const survivor = createRawConsumer({
      kafka,
      registry,
      lake,
      topic: spec,
      groupId,
      logger: createLogger('survivor', { level: 'warn' }),
      batch: { maxRecords: 25, maxWaitMs: 100 },
    });
    await survivor.start();
    const admin = kafka.admin();
    await admin.connect();
    const deadline = Date.now() + 60_000;
    let committed = 0;
    while (committed < TOTAL && Date.now() < deadline) {
      const offsets = await admin.fetchOffsets({ groupId, topics: [spec.name] });
      committed = offsets[0]!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
      await sleep(250);
    }
    await admin.disconnect();
    await survivor.stop();
    expect(committed).toBe(TOTAL);

    const lines = await rawLines();
    const positions = lines.map((l) => `${l.envelope.partition}:${l.envelope.offset}`);
    expect(new Set(positions).size).toBe(positions.length); // nothing twice
    expect(positions).toHaveLength(TOTAL); // nothing lost
  }, 120_000);
});
