import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { AppConfig } from '@spotify-insights/config';
import { ImportError, type ImportProgress } from '@spotify-insights/ingestion';
import {
  LiveError,
  parseDurationMs,
  parseReplaySpeed,
  REPLAY_TOPIC,
  replayPlays,
  replayTopicSpec,
  type ReplaySpeed,
} from '@spotify-insights/live';
import { createLogger } from '@spotify-insights/logging';
import { createKafka, createSchemaRegistry } from '@spotify-insights/streaming';
import { progressReporter } from '../import/progress-bar.ts';
import { readHistoryPlays } from '../replay/read-history-plays.ts';

const USAGE = `Usage:
  replay --user <spotify user id> [--speed 1|60|max] [--max-gap <30s|5m|1h>] [--topic <name>]
         <file or folder>...
      Publishes the plays of Streaming_History_Audio_*.json / endsong_*.json (folders are
      searched) into ${REPLAY_TOPIC} in event-time order: --speed 1 as they happened,
      60 a minute of listening per second, max as fast as Kafka takes them (default 1).
      --max-gap shortens longer silences between plays (event time) to that length.
      --topic publishes to another topic (created if missing) instead, e.g. for a test.
      The live aggregator (GET /api/top-songs, /api/live/stream) counts them; the
      warehouse does not (an import does that), and a play it has already counted
      (same user, second and track) does not count again.
`;

interface ReplayArgs {
  userId: string;
  speed: ReplaySpeed;
  maxGapMs: number | undefined;
  topic: string;
  paths: string[];
}

/** The command line, or a message saying what is wrong with it. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        user: { type: 'string' },
        speed: { type: 'string', default: '1' },
        'max-gap': { type: 'string' },
        topic: { type: 'string', default: REPLAY_TOPIC },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (!values.user) return '--user is required';
  if (positionals.length === 0) return 'name the export files or the folder holding them';
  let speed: ReplaySpeed;
  try {
    speed = parseReplaySpeed(values.speed);
  } catch (error) {
    return (error as LiveError).message;
  }
  const gap = values['max-gap'];
  const maxGapMs = gap === undefined ? undefined : parseDurationMs(gap);
  if (gap !== undefined && maxGapMs === undefined)
    return `--max-gap "${gap}" is not a length like 30s, 5m or 1h`;
  return { userId: values.user, speed, maxGapMs, topic: values.topic, paths: positionals };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `replay --user <id> [--speed N|max] <files or folders...>`: a history into Kafka, paced. */
export async function replayCommand(argv: string[], config: AppConfig): Promise<number> {
  const args = parseReplayArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  const logger = createLogger('replay', { level: config.logLevel });
  const runId = `replay-${new Date().toISOString()}-${randomUUID().slice(0, 4)}`;
  try {
    const history = await readHistoryPlays({
      paths: args.paths,
      userId: args.userId,
      runId,
      onFile: (file, plays) => process.stderr.write(`read ${file}: ${plays} plays\n`),
    });
    if (history.plays.length === 0) {
      process.stderr.write(`no plays in ${args.paths.join(', ')}\n${USAGE}`);
      return 2;
    }
    const first = history.plays[0]!.ts;
    const last = history.plays[history.plays.length - 1]!.ts;
    process.stderr.write(
      `replaying ${history.plays.length} plays of ${args.userId} (${iso(first)} … ${iso(last)}) ` +
        `at ${args.speed === 'max' ? 'max speed' : `${args.speed}×`} into ${args.topic}; Ctrl-C stops\n`,
    );
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const progress = progressReporter();
    const label = `${args.userId} ${args.speed === 'max' ? 'max' : `${args.speed}×`}`;
    try {
      const outcome = await replayPlays({
        kafka: createKafka(config.kafka, logger),
        registry: createSchemaRegistry(config.schemaRegistry),
        plays: history.plays,
        speed: args.speed,
        maxGapMs: args.maxGapMs,
        topic: replayTopicSpec(args.topic),
        signal: abort.signal,
        onProgress: (p) => {
          const line: ImportProgress = {
            file: `${label} ${iso(p.eventTime)}`,
            bytesRead: p.sent,
            totalBytes: p.total,
            position: p.sent,
            records: p.sent,
            deadLettered: 0,
          };
          progress.update(line);
        },
      });
      progress.done();
      const rate = Math.round(outcome.sent / Math.max(outcome.seconds, 0.001));
      process.stdout.write(
        `${outcome.aborted ? 'Stopped: replayed' : 'Replayed'} ${outcome.sent} of ${history.plays.length} plays ` +
          `into ${args.topic} in ${outcome.seconds.toFixed(1)} s (${rate} plays/s)` +
          `${history.skipped > 0 ? `; ${history.skipped} elements of the files are not plays and were left out` : ''}.\n`,
      );
      return outcome.aborted ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    process.stderr.write(`replay stopped: ${error.message} (${error.code})\n`);
    return 1;
  }
}
