import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Plays sent per second (wall clock). */
  rate: number;
  seconds: number;
  users: number;
  tracks: number;
  /** The live stream's update interval (ms). */
  intervalMs: number;
  /** Also measure bare kafkajs produce → consume on the same plays (the baseline). */
  baseline: boolean;
}

export const USAGE = `usage: npm run bench:live -- [--rate N] [--seconds N] [--users N] [--tracks N] [--interval-ms N] [--no-baseline]

  --rate N          plays a second sent into Kafka (default 1000)
  --seconds N       how long each run sends (default 30): rate × seconds plays
  --users N         simulated listeners (default 20)
  --tracks N        distinct tracks, a few much more played than the rest (default 2000)
  --interval-ms N   the SSE stream's update interval (default 150, the API's)
  --no-baseline     skip the bare kafkajs produce → consume run (and the ratio)`;

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive integer, got "${text}"\n\n${USAGE}`);
  }
  return value;
}

export function parseBenchOptions(args: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '30' },
      users: { type: 'string', default: '20' },
      tracks: { type: 'string', default: '2000' },
      'interval-ms': { type: 'string', default: '150' },
      'no-baseline': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  return {
    rate: positiveInteger('rate', values.rate),
    seconds: positiveInteger('seconds', values.seconds),
    users: positiveInteger('users', values.users),
    tracks: positiveInteger('tracks', values.tracks),
    intervalMs: positiveInteger('interval-ms', values['interval-ms']),
    baseline: !values['no-baseline'],
  };
}
