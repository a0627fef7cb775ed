import { parseArgs } from 'node:util';

export interface ImportBenchOptions {
  plays: number;
  users: number;
  /** Plays per export file (Spotify's files hold some 15,000 to 20,000). */
  playsPerFile: number;
  /** Distinct tracks the plays draw from. */
  tracks: number;
}

export const USAGE = `usage: npm run bench:import -- [--plays N] [--users N] [--plays-per-file N] [--tracks N]

  --plays N           plays in the generated export files (default 1000000), all distinct
  --users N           users (each an export folder) the plays are spread over (default 5)
  --plays-per-file N  plays per Streaming_History_Audio_*.json file (default 20000)
  --tracks N          distinct tracks (default 4000)`;

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive integer, got "${text}"\n\n${USAGE}`);
  }
  return value;
}

/** Parses the command line; throws with the usage on anything it does not understand. */
export function parseImportBenchOptions(args: readonly string[]): ImportBenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      plays: { type: 'string', default: '1000000' },
      users: { type: 'string', default: '5' },
      'plays-per-file': { type: 'string', default: '20000' },
      tracks: { type: 'string', default: '4000' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const options: ImportBenchOptions = {
    plays: positiveInteger('plays', values.plays),
    users: positiveInteger('users', values.users),
    playsPerFile: positiveInteger('plays-per-file', values['plays-per-file']),
    tracks: positiveInteger('tracks', values.tracks),
  };
  if (options.users > options.plays)
    throw new Error(`--users (${options.users}) cannot exceed --plays (${options.plays})`);
  return options;
}
