import { spawn } from 'node:child_process';
import type { AppConfig } from '@spotify-insights/config';
/* eslint-disable @nx/enforce-module-boundaries -- The baseline must run from exactly the
   jars and Java the local stack installed, and only the stack's code knows where they are.
   A tooling app reading the CLI's stack layout is the one exception; nothing else is used. */
import { findJava } from '@spotify-insights/cli/src/stack/java.ts';
import { servicePaths } from '@spotify-insights/cli/src/stack/paths.ts';
import { kafkaClasspath } from '@spotify-insights/cli/src/stack/services/kafka.ts';
/* eslint-enable @nx/enforce-module-boundaries */

/** Kafka's own producer benchmark: the baseline our producer runtime is compared with. */
const MAIN_CLASS = 'org.apache.kafka.tools.ProducerPerformance';

export interface ProducerPerformanceSummary {
  records: number;
  recordsPerSecond: number;
  /** Kafka's MB are MiB: records × record size / 1024 / 1024 per second. */
  mbPerSecond: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
}

// The tool prints a line like this every 5 s and once at the end; only the final one has
// percentiles: "200000 records sent, 61349.7 records/sec (143.20 MB/sec), 180.35 ms avg
// latency, 402.00 ms max latency, 170 ms 50th, 350 ms 95th, 390 ms 99th, 401 ms 99.9th."
const SUMMARY =
  /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, .*50th/;

/** The final summary line of ProducerPerformance's output, or undefined if it has none. */
export function parseProducerPerformanceSummary(
  output: string,
): ProducerPerformanceSummary | undefined {
  const lines = output.split('\n').map((line) => line.trim());
  const match = lines
    .map((line) => SUMMARY.exec(line))
    .filter((m) => m !== null)
    .at(-1);
  if (!match) return undefined;
  return {
    records: Number(match[1]),
    recordsPerSecond: Number(match[2]),
    mbPerSecond: Number(match[3]),
    avgLatencyMs: Number(match[4]),
    maxLatencyMs: Number(match[5]),
  };
}

export interface ProducerPerformanceRun {
  config: AppConfig;
  topic: string;
  records: number;
  recordSize: number;
  /** Each progress line the tool prints (every 5 s), as it comes. */
  onLine?: (line: string) => void;
}

/**
 * Runs ProducerPerformance from the very jars the local broker runs (same Kafka version),
 * with acks=all and no throughput cap, and returns its final summary. Everything else is
 * the Kafka producer's defaults (idempotent, linger 5 ms, 16 KiB batches, no compression).
 */
export async function runProducerPerformance(
  run: ProducerPerformanceRun,
): Promise<ProducerPerformanceSummary> {
  const classpath = kafkaClasspath({
    config: run.config,
    paths: servicePaths('kafka'),
    progress: () => undefined,
  });
  const args = [
    '-Xms256m',
    '-Xmx512m',
    '-cp',
    classpath,
    MAIN_CLASS,
    '--topic',
    run.topic,
    '--num-records',
    String(run.records),
    '--record-size',
    String(run.recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${run.config.kafka.brokers.join(',')}`,
    'acks=all',
  ];
  const child = spawn(findJava(17), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    stdout += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (/records sent/.test(line)) run.onLine?.(line.trim());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const summary = parseProducerPerformanceSummary(stdout);
  if (code !== 0 || !summary) {
    throw new Error(
      `${MAIN_CLASS} exited with ${code} without a summary:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
    );
  }
  return summary;
}
