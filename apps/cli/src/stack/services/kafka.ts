import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { AppConfig } from '@spotify-insights/config';
import { findJava } from '../java.ts';
import { maven } from '../maven.ts';
import { infraFile } from '../paths.ts';
import { startDetached } from '../processes.ts';
import type { ServiceContext, StackService } from '../service.ts';

/*
 * Apache Kafka in KRaft mode, one node acting as broker and controller. The jars come
 * from Maven Central (infra/kafka/pom.xml pins the version) and run on a Java 17+
 * runtime with a small heap. Topics are created by our code: auto-create is off.
 */
export const KAFKA_VERSION = /<kafka\.version>([^<]+)</.exec(
  readFileSync(infraFile('kafka', 'pom.xml'), 'utf8'),
)![1]!;

function libsDir(ctx: ServiceContext): string {
  return join(ctx.paths.cache, KAFKA_VERSION, 'libs');
}

/** The classpath for kafka.Kafka and Kafka's tools (ProducerPerformance for benchmarks). */
export function kafkaClasspath(ctx: ServiceContext): string {
  return `${libsDir(ctx)}/*`;
}

function serverProperties(config: AppConfig, logDir: string): string {
  const { host, kafka } = config.stack;
  const settings: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `${host}:${kafka.controllerPort}`,
    listeners: `PLAINTEXT://${host}:${kafka.port},CONTROLLER://${host}:${kafka.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${kafka.port},CONTROLLER://${host}:${kafka.controllerPort}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 3,
    'auto.create.topics.enable': 'false',
    // One node: every internal topic has one replica.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    // The log cleaner allocates this buffer on the heap at start (128 MiB by default).
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
  };
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

function javaArgs(ctx: ServiceContext, mainClass: string, args: string[]): string[] {
  return [
    '-Xms256m',
    '-Xmx384m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${infraFile('kafka', 'log4j2.xml')}`,
    '-cp',
    kafkaClasspath(ctx),
    mainClass,
    ...args,
  ];
}

/** KRaft needs its log folder formatted once with a cluster id before the first start. */
function formatStorage(ctx: ServiceContext, propertiesFile: string, logDir: string): void {
  if (existsSync(join(logDir, 'meta.properties'))) return;
  const clusterId = randomBytes(16).toString('base64url');
  ctx.progress(`formatting KRaft storage (cluster ${clusterId})`);
  execFileSync(
    findJava(17),
    javaArgs(ctx, 'kafka.tools.StorageTool', [
      'format',
      '--config',
      propertiesFile,
      '--cluster-id',
      clusterId,
      '--standalone',
      '--ignore-formatted',
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

export const kafkaService: StackService = {
  name: 'kafka',
  dependsOn: [],
  stopSignal: 'SIGTERM',
  startTimeoutMs: 120_000,

  describe: () => `Apache Kafka ${KAFKA_VERSION} (KRaft)`,
  ports: (config) => [config.stack.kafka.port, config.stack.kafka.controllerPort],
  endpoints: (config) => [{ label: 'bootstrap', url: config.kafka.brokers.join(',') }],

  async install(ctx) {
    const marker = join(ctx.paths.cache, KAFKA_VERSION, '.complete');
    if (existsSync(marker)) return;
    ctx.progress(`fetching Kafka ${KAFKA_VERSION} jars from Maven Central (once)`);
    await maven([
      '-f',
      infraFile('kafka', 'pom.xml'),
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      `-DoutputDirectory=${libsDir(ctx)}`,
      '-DincludeScope=runtime',
    ]);
    writeFileSync(marker, `${new Date().toISOString()}\n`);
  },

  async start(ctx) {
    const logDir = join(ctx.paths.data, 'kraft');
    mkdirSync(ctx.paths.config, { recursive: true });
    const propertiesFile = join(ctx.paths.config, 'server.properties');
    writeFileSync(propertiesFile, `${serverProperties(ctx.config, logDir)}\n`);
    formatStorage(ctx, propertiesFile, logDir);
    return startDetached({
      command: findJava(17),
      args: javaArgs(ctx, 'kafka.Kafka', [propertiesFile]),
      logFile: ctx.paths.log,
      pidFile: ctx.paths.pid,
    });
  },

  async isHealthy(ctx) {
    const kafka = new Kafka({
      clientId: 'stack-health',
      brokers: ctx.config.kafka.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      retry: { retries: 0 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 && cluster.controller !== null;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },
};
