import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@spotify-insights/config';
import { createLiveConsumer, LiveAggregator, LiveUpdateHub } from '@spotify-insights/live';
import { createLogger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import type { ConsumerSideOptions, FromConsumerSide, ToConsumerSide } from './consumer-side.ts';

/*
 * The consuming side of the live benchmark, in its own process (see consumer-side.ts).
 * live: what the API runs, the Kafka consumer feeding a LiveAggregator and the
 * LiveUpdateHub serving /api/live/stream (here on node:http: the API's route is a thin
 * fastify wrapper around the same hub, and a benchmark may not import an app).
 * baseline: a bare kafkajs consumer that only notes when each record arrived.
 */
const send = (message: FromConsumerSide) => process.send!(message);

// How late this process's event loop ran (ms): what the machine's load does to it.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const loopDelayMs = () => ({
  p50: loopDelay.percentile(50) / 1e6,
  p99: loopDelay.percentile(99) / 1e6,
  max: loopDelay.max / 1e6,
});
// CPU time used from `ready` to `stop` (µs): what the work costs, whatever the load.
let cpuAtReady: NodeJS.CpuUsage | undefined;
const cpuMicros = () => {
  const used = process.cpuUsage(cpuAtReady);
  return used.user + used.system;
};
const markReady = () => {
  loopDelay.enable();
  cpuAtReady = process.cpuUsage();
};

async function runLive(options: ConsumerSideOptions): Promise<() => Promise<FromConsumerSide>> {
  const config = loadConfig();
  const logger = createLogger('bench-live', { level: 'warn' });
  const aggregator = new LiveAggregator();
  const consumer = createLiveConsumer({
    kafka: createKafka(config.kafka, logger),
    registry: createSchemaRegistry(config.schemaRegistry),
    aggregator,
    logger,
    topics: [options.topic],
    groupId: options.groupId,
  });
  const hub = new LiveUpdateHub(aggregator, { intervalMs: options.intervalMs });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/live/stream') {
      res.writeHead(404).end();
      return;
    }
    hub.open(res, {
      window: url.searchParams.get('window') ?? '5m',
      limit: Number(url.searchParams.get('limit') ?? 10),
      plays: url.searchParams.get('plays') === 'true',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await consumer.start();
  const { port } = server.address() as AddressInfo;
  markReady();
  send({ type: 'ready', url: `http://127.0.0.1:${port}/api/live/stream` });
  return async () => {
    hub.close();
    server.close();
    await consumer.stop();
    const { records, counted, duplicates } = consumer.stats;
    return {
      type: 'stopped',
      received: [],
      stats: { records, counted, duplicates },
      loopDelayMs: loopDelayMs(),
      cpuMicros: cpuMicros(),
    };
  };
}

async function runBaseline(options: ConsumerSideOptions): Promise<() => Promise<FromConsumerSide>> {
  const config = loadConfig();
  const kafka = createKafka(config.kafka, createLogger('bench-live-baseline', { level: 'warn' }));
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 200 });
  const received: Array<[number, number]> = [];
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic.name, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const at = Date.now();
      for (const message of batch.messages)
        received.push([Number(message.headers?.i?.toString()), at]);
      if (received.length >= options.expected) send({ type: 'done' });
    },
  });
  await joined;
  markReady();
  send({ type: 'ready', url: null });
  return async () => {
    await consumer.disconnect();
    return {
      type: 'stopped',
      received,
      stats: null,
      loopDelayMs: loopDelayMs(),
      cpuMicros: cpuMicros(),
    };
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2]!) as ConsumerSideOptions;
  const stop = options.mode === 'live' ? await runLive(options) : await runBaseline(options);
  process.on('message', (message: ToConsumerSide) => {
    if (message.type !== 'stop') return;
    stop().then(
      // kafkajs keeps sockets alive; this process's work is done.
      (reply) => process.send!(reply, () => process.exit(0)),
      (error: Error) => send({ type: 'failed', message: error.message }),
    );
  });
  // The benchmark went away (interrupted, or failed): nobody is left to stop us.
  process.on('disconnect', () => process.exit(1));
}

main().catch((error: Error) => {
  send({ type: 'failed', message: error.stack ?? error.message });
  process.exit(1);
});
