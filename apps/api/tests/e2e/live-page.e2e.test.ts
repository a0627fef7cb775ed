import { randomUUID } from 'node:crypto';
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@spotify-insights/config';
import { encodeWireValues } from '@spotify-insights/ingestion';
import {
  createLiveConsumer,
  LiveAggregator,
  replayPlays,
  type LiveConsumer,
} from '@spotify-insights/live';
import { createLogger } from '@spotify-insights/logging';
import {
  avroType,
  readSchema,
  type RecentPlay,
  type StreamingHistoryPlay,
} from '@spotify-insights/schemas';
import {
  createIdempotentProducer,
  createKafka,
  createSchemaRegistry,
  ensureTopics,
  registerValueSchema,
  valueSubject,
  type TopicSpec,
} from '@spotify-insights/streaming';
import { registerLiveRoutes } from '../../src/live/live-routes.ts';
import { launchBrowser, type TestBrowser } from './support/browser.ts';
import { startDashboardServer, type DashboardServer } from './support/dashboard-server.ts';
import { screenshot } from './support/screenshots.ts';

/*
 * The live page in Chromium while plays are published to Kafka (a recent-plays topic of
 * this test's own): the stream aggregator counts them, the SSE stream pushes the new
 * top-N, and the page changes without being reloaded.
 */

const config = loadConfig();
const suffix = randomUUID().slice(0, 8);
const topic: TopicSpec = {
  name: `e2e.live.recent-plays.${suffix}`,
  partitions: 1,
  retentionMs: 86_400_000,
};
const replayTopic: TopicSpec = {
  name: `e2e.live.replay-plays.${suffix}`,
  partitions: 1,
  retentionMs: 86_400_000,
};
const T0 = Date.parse('2026-11-21T12:00:00Z');

let kafka: Kafka;
let registry: SchemaRegistry;
let consumer: LiveConsumer;
let server: DashboardServer;
let browser: TestBrowser;

function play(
  user: string,
  seconds: number,
  track: string,
  name: string,
  artist: string,
): RecentPlay {
  return {
    user_id: user,
    fetched_at: T0 + 3_600_000,
    endpoint: 'GET /me/player/recently-played',
    run_id: `e2e-${suffix}`,
    played_at: T0 + seconds * 1000,
    track_id: track,
    track_name: name,
    duration_ms: 180_000,
    isrc: null,
    album_id: 'album1',
    artist_ids: [`id-${artist}`],
    context_type: null,
    context_uri: null,
    item_json: JSON.stringify({
      played_at: new Date(T0 + seconds * 1000).toISOString(),
      track: { id: track, name, artists: [{ id: `id-${artist}`, name: artist }] },
    }),
  };
}

/** A play of an export file, as the replay command reads it (`ts`: when it ended). */
function historyPlay(
  user: string,
  seconds: number,
  track: string,
  name: string,
): StreamingHistoryPlay {
  const ts = T0 + 3_600_000 + seconds * 1000;
  return {
    user_id: user,
    fetched_at: ts,
    endpoint: 'import Streaming_History_Audio_2026_0.json',
    run_id: `e2e-replay-${suffix}`,
    ts,
    ms_played: 200_000,
    track_id: track,
    track_name: name,
    artist_name: 'Replay Orchestra',
    album_name: null,
    episode_id: null,
    episode_name: null,
    show_name: null,
    platform: 'android',
    conn_country: 'DE',
    reason_start: 'trackdone',
    reason_end: 'trackdone',
    shuffle: false,
    skipped: false,
    offline: false,
    incognito_mode: false,
    item_json: JSON.stringify({
      ts: new Date(ts).toISOString(),
      spotify_track_uri: `spotify:track:${track}`,
    }),
  };
}

async function publish(records: RecentPlay[]) {
  const schemaId = await registerValueSchema(registry, topic.name, readSchema('recent-plays'));
  const values = encodeWireValues(avroType('recent-plays'), schemaId, records);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: topic.name,
      acks: -1,
      messages: records.map((r, i) => ({ key: r.user_id, value: values[i]! })),
    });
  } finally {
    await producer.disconnect();
  }
}

beforeAll(async () => {
  kafka = createKafka(config.kafka);
  registry = createSchemaRegistry(config.schemaRegistry);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic, replayTopic]).finally(() => admin.disconnect());
  const aggregator = new LiveAggregator();
  consumer = createLiveConsumer({
    kafka,
    registry,
    aggregator,
    logger: createLogger('e2e-live', { level: 'error' }),
    topics: [topic, replayTopic],
    groupId: `e2e-live.${suffix}`,
  });
  await consumer.start();
  server = await startDashboardServer('api_e2e_live', {
    extend: (app) => registerLiveRoutes(app, { aggregator }),
  });
  browser = await launchBrowser({ width: 900, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await consumer?.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic.name, replayTopic.name] }).catch(() => undefined);
  await admin.disconnect();
  for (const name of [topic.name, replayTopic.name]) {
    const url = `${config.schemaRegistry.url}/subjects/${encodeURIComponent(valueSubject(name))}`;
    await fetch(url, { method: 'DELETE' }).catch(() => undefined);
    await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
  }
});

/** Waits until the first live song is `name` (a locator: the page's CSP forbids eval'd predicates). */
const untilTopSongIs = (page: Page, name: string) =>
  page
    .locator('[data-testid="live-songs"] li')
    .first()
    .filter({ hasText: name })
    .waitFor({ timeout: 30_000 });

describe('live page', () => {
  it('changes without a reload while plays are published', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/live`);
    await page.waitForSelector('#main[data-state="ready"]');
    await page.evaluate(`window.__marker = 'same page'`);

    await publish([
      play('ana', 0, 'live-1', 'First Light', 'Aurora Lane'),
      play('ben', 10, 'live-1', 'First Light', 'Aurora Lane'),
      play('ana', 20, 'live-2', '<script>window.__xss=1</script>', 'Delta Nine'),
    ]);
    await untilTopSongIs(page, 'First Light');
    expect(await page.textContent('[data-testid="live-meta"]')).toContain('3 plays');
    const firstUpdates = Number(await page.getAttribute('#main', 'data-updates'));

    // a second batch overtakes the leader
    await publish([
      play('ana', 30, 'live-3', 'Second Wind', 'Bassline Collective'),
      play('ben', 40, 'live-3', 'Second Wind', 'Bassline Collective'),
      play('cai', 50, 'live-3', 'Second Wind', 'Bassline Collective'),
    ]);
    await untilTopSongIs(page, 'Second Wind');
    expect(await page.textContent('[data-testid="live-meta"]')).toContain('6 plays');
    expect(Number(await page.getAttribute('#main', 'data-updates'))).toBeGreaterThan(firstUpdates);
    // still the same document: updated in place, not reloaded
    expect(await page.evaluate('window.__marker')).toBe('same page');
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.textContent('[data-testid="live-songs"]')).toContain(
      '<script>window.__xss=1</script>',
    );
    await screenshot(page, 'live');
    await page.close();
  });

  it('moves while a replay runs: the page updates several times before the replay ends', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/live`);
    await page.waitForSelector('#main[data-state="ready"]');
    const before = Number(await page.getAttribute('#main', 'data-updates'));

    // 40 plays, 10 s apart in event time, at 20× speed: about 20 s of replay, so updates
    // must arrive while it is still sending.
    const plays = Array.from({ length: 40 }, (_, i) =>
      historyPlay(`replayer-${i % 3}`, i * 10, 'replay-1', 'Replayed Anthem'),
    );
    const updatesDuringReplay: number[] = [];
    const replay = replayPlays({
      kafka,
      registry,
      plays,
      speed: 20,
      topic: replayTopic,
      onSent: () => {
        void page
          .getAttribute('#main', 'data-updates')
          .then((updates) => updatesDuringReplay.push(Number(updates)))
          .catch(() => undefined);
      },
    });
    await untilTopSongIs(page, 'Replayed Anthem');
    const outcome = await replay;
    expect(outcome.sent).toBe(plays.length);
    // The page was changing while the replay was still sending.
    expect(new Set(updatesDuringReplay.filter((n) => n > before)).size).toBeGreaterThan(2);
    await page.close();
  });
});
