import { parseArgs } from 'node:util';

export interface BenchOptions {
  records: number;
  users: number;
  /** Also run producer and consumer together on a fresh topic (the end-to-end stage). */
  endToEnd: boolean;
  /** Also run Kafka's own ProducerPerformance as the baseline. */
  native: boolean;
}

export const USAGE = `usage: npm run bench:ingest -- [--records N] [--users N] [--no-end-to-end] [--no-native]

  --records N        synthetic plays to send (default 200000), spread evenly over the users
  --users N          simulated users (default 50); each user's records share a partition
  --no-end-to-end    skip the stage where producer and consumer run at the same time
  --no-native        skip Kafka's ProducerPerformance baseline (and the ratio)`;

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive integer, got "${text}"\n\n${USAGE}`);
  }
  return value;
}

/** Parses the command line; throws with the usage on anything it does not understand. */
export function parseBenchOptions(args: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      records: { type: 'string', default: '200000' },
      users: { type: 'string', default: '50' },
      'no-end-to-end': { type: 'boolean', default: false },
      'no-native': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const records = positiveInteger('records', values.records);
  const users = positiveInteger('users', values.users);
  if (users > records) throw new Error(`--users (${users}) cannot exceed --records (${records})`);
  return { records, users, endToEnd: !values['no-end-to-end'], native: !values['no-native'] };
}
