import { parseArgs } from 'node:util';

export interface TransformBenchOptions {
  plays: number;
  users: number;
  /** Distinct tracks the plays draw from (albums and artists scale with it). */
  tracks: number;
  linesPerObject: number;
  /** Keep the generated raw bucket at the end (its name is printed) to reuse it. */
  keepRaw: boolean;
  /** A raw bucket kept by an earlier run: skips generation and upload. */
  rawBucket?: string;
}

export const USAGE = `usage: npm run bench:transform -- [--plays N] [--users N] [--tracks N] [--lines-per-object N]
                                     [--keep-raw] [--raw-bucket NAME]

  --plays N             synthetic recently-played lines (default 1000000), all distinct plays
  --users N             users the plays are spread over, a year of plays each (default 5)
  --tracks N            distinct tracks (default 4000; albums = tracks/8, artists = tracks/16)
  --lines-per-object N  lines per raw object (default 5000, the consumers' chunk size)
  --keep-raw            keep the generated raw bucket and print its name
  --raw-bucket NAME     run on a raw bucket kept by --keep-raw (no generation, no upload)`;

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive integer, got "${text}"\n\n${USAGE}`);
  }
  return value;
}

/** Parses the command line; throws with the usage on anything it does not understand. */
export function parseTransformBenchOptions(
  args: readonly string[],
): TransformBenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      plays: { type: 'string', default: '1000000' },
      users: { type: 'string', default: '5' },
      tracks: { type: 'string', default: '4000' },
      'lines-per-object': { type: 'string', default: '5000' },
      'keep-raw': { type: 'boolean', default: false },
      'raw-bucket': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const options: TransformBenchOptions = {
    plays: positiveInteger('plays', values.plays),
    users: positiveInteger('users', values.users),
    tracks: positiveInteger('tracks', values.tracks),
    linesPerObject: positiveInteger('lines-per-object', values['lines-per-object']),
    keepRaw: values['keep-raw'],
    ...(values['raw-bucket'] ? { rawBucket: values['raw-bucket'] } : {}),
  };
  if (options.users > options.plays)
    throw new Error(`--users (${options.users}) cannot exceed --plays (${options.plays})`);
  if (options.tracks < 16) throw new Error(`--tracks must be at least 16\n\n${USAGE}`);
  return options;
}
