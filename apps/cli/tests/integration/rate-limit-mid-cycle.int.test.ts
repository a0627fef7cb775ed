import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSpotifyContext,
  deadLetterTopicOf,
  runProducerCycle,
} from '@spotify-insights/ingestion';
import { createLogger } from '@spotify-insights/logging';
import {
  avroType,
  readSchema,
  recordProblems,
  SOURCE_NAMES,
  sourceTopic,
  type SourceName,
} from '@spotify-insights/schemas';
import { getSource } from '@spotify-insights/sources';
import { RATE_LIMIT_DEFAULTS } from '@spotify-insights/spotify';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  valueSubject,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { readTopic } from './support/read-topic.ts';
import { startSimulatedFriends, type SimulatedFriends } from './support/simulated-friends.ts';

/*
 * Spotify answers 429 with a long Retry-After in the middle of a producer cycle.
 *
 * The simulator (its own process, clock frozen) with the five friends connected; one
 * cycle of all eight sources through one Spotify client, as one process runs them (the
 * client's pause is per process). After RATE_LIMIT_AFTER Web API requests the simulator
 * answers one 429 with `Retry-After: RETRY_AFTER_S`, then serves normally again.
 *
 * Checked:
 *  - the cycle completes: every source is `ok` for every user;
 *  - nothing sent early: no Web API request arrives at the simulator between the 429 and
 *    the 429's arrival + Retry-After, except requests that were already on their way when
 *    the 429 was answered: at most the client's other 7 concurrent requests, all within
 *    IN_FLIGHT_MS of it (Web API only: Spotify's accounts service has no such limit);
 *  - the 429 came mid-cycle: requests before it, and requests after the pause;
 *  - nothing lost, nothing twice: each source's topic holds exactly the records the
 *    simulator's answers make (fetched again afterwards; the frozen world answers the same).
 * Topics are this run's own (`it.rl.<id>.spotify.<source>.v1`), deleted afterwards.
 */
const RATE_LIMIT_AFTER = 40;
const RETRY_AFTER_S = 10;
const IN_FLIGHT_MS = 1000;

interface LoggedRequest {
  receivedAt: number;
  host: 'api' | 'accounts';
  method: string;
  path: string;
  status: number;
}

const prefix = `it.rl.${randomUUID().slice(0, 8)}`;
const topicOf = (source: SourceName) => `${prefix}.${sourceTopic(source)}`;
const logger = createLogger('rate-limit-mid-cycle-test', { level: 'error' });
let friends: SimulatedFriends;
let kafka: Kafka;
let registry: SchemaRegistry;
const schemaIds = new Map<SourceName, number>();

/** A record as it should read back from the topic: its schema's fields but the run's own. */
function comparable(source: SourceName, record: object): string {
  const values = record as Record<string, unknown>;
  const fields = (readSchema(source) as { fields: Array<{ name: string }> }).fields
    .map((f) => f.name)
    .filter((name) => name !== 'fetched_at' && name !== 'run_id');
  return JSON.stringify(fields.map((name) => values[name] ?? null));
}

beforeAll(async () => {
  friends = await startSimulatedFriends('rate_limit_mid_cycle', { now: '2026-11-20T18:00:00Z' });
  kafka = createKafka(friends.config.kafka);
  registry = createSchemaRegistry(friends.config.schemaRegistry);
  const specs: TopicSpec[] = SOURCE_NAMES.flatMap((source) => [
    { name: topicOf(source), partitions: 3, retentionMs: 86_400_000 },
    { name: deadLetterTopicOf(topicOf(source)), partitions: 1, retentionMs: 86_400_000 },
  ]);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, specs);
  await admin.disconnect();
  for (const source of SOURCE_NAMES)
    schemaIds.set(source, await registerValueSchema(registry, topicOf(source), readSchema(source)));
}, 180_000);

afterAll(async () => {
  await friends?.close();
  if (!kafka) return;
  const admin = kafka.admin();
  await admin.connect();
  await admin
    .deleteTopics({
      topics: SOURCE_NAMES.flatMap((s) => [topicOf(s), deadLetterTopicOf(topicOf(s))]),
    })
    .catch(() => undefined);
  await admin.disconnect();
  for (const source of schemaIds.keys()) {
    const url = `${friends.config.schemaRegistry.url}/subjects/${valueSubject(topicOf(source))}`;
    await fetch(url, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
  }
}, 120_000);

describe('a 429 with a long Retry-After in the middle of a producer cycle', () => {
  it('completes after the pause, sends nothing early, and loses or repeats nothing', async () => {
    const spotify = createSpotifyContext(friends.config, logger);
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    try {
      await friends.admin('DELETE', '/_sim/requests');
      await friends.admin('PUT', '/_sim/rate-limit/forced-429', {
        afterRequests: RATE_LIMIT_AFTER,
        retryAfterSeconds: RETRY_AFTER_S,
      });
      const outcomes = await Promise.all(
        SOURCE_NAMES.map(async (source) => ({
          source,
          outcomes: await runProducerCycle({
            source: getSource(source),
            client: spotify.client,
            producer,
            registry,
            schemaId: schemaIds.get(source)!,
            checkpoints: spotify.checkpoints,
            users: friends.users,
            runId: `rate-limit-${source}`,
            logger,
            topic: topicOf(source),
          }),
        })),
      );
      for (const { source, outcomes: perUser } of outcomes)
        for (const outcome of perUser) expect(outcome, source).toMatchObject({ status: 'ok' });

      const log = (await friends.admin<LoggedRequest[]>('GET', '/_sim/requests'))
        .filter((r) => r.host === 'api')
        .sort((a, b) => a.receivedAt - b.receivedAt);
      const limited = log.filter((r) => r.status === 429);
      expect(limited).toHaveLength(1);
      const the429 = limited[0]!;
      const pauseEnds = the429.receivedAt + RETRY_AFTER_S * 1000;
      const others = log.filter((r) => r !== the429);
      const before = others.filter((r) => r.receivedAt < the429.receivedAt);
      const inFlight = others.filter(
        (r) => r.receivedAt >= the429.receivedAt && r.receivedAt < the429.receivedAt + IN_FLIGHT_MS,
      );
      const early = others.filter(
        (r) => r.receivedAt >= the429.receivedAt + IN_FLIGHT_MS && r.receivedAt < pauseEnds,
      );
      const resumed = others.filter((r) => r.receivedAt >= pauseEnds);
      expect(before.length).toBeGreaterThan(0);
      expect(before.length).toBeLessThanOrEqual(RATE_LIMIT_AFTER);
      expect(inFlight.length).toBeLessThan(RATE_LIMIT_DEFAULTS.maxConcurrent);
      expect(early).toEqual([]);
      expect(resumed.length).toBeGreaterThan(0);

      // What the simulator's answers make, fetched again now that the log is checked.
      for (const source of SOURCE_NAMES) {
        const definition = getSource(source);
        const type = avroType(source);
        const expected: string[] = [];
        for (const userId of friends.users) {
          const { records } = await definition.fetch({
            client: spotify.client,
            userId,
            checkpoint: undefined,
            runId: 'expected',
            now: new Date(),
          });
          for (const record of records)
            if (recordProblems(type, record).length === 0)
              expected.push(comparable(source, record));
        }
        const inTopic = (await readTopic(kafka, registry, topicOf(source))).map((r) =>
          comparable(source, r.value),
        );
        expect(inTopic.sort(), source).toEqual(expected.sort());
      }
    } finally {
      await producer.disconnect();
      await spotify.db.destroy();
    }
  }, 240_000);
});
