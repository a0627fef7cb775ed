import { parseArgs } from 'node:util';

export interface ApiBenchOptions {
  plays: number;
  users: number;
  tracks: number;
  /** Concurrent clients, each sending its next request when the last one answered. */
  clients: number;
  /** Seconds each endpoint is measured for (after a warm-up of a fifth of it). */
  seconds: number;
  /** Also measure with the API's response cache off (the warehouse answers every request). */
  uncached: boolean;
}

export const USAGE = `usage: npm run bench:api -- [--plays N] [--users N] [--tracks N] [--clients N] [--seconds N]
                               [--no-uncached]

  --plays N      plays generated into a scratch warehouse (default 1000000)
  --users N      listeners the plays are spread over, 3 years each (default 5, the friend group)
  --tracks N     distinct tracks (default 5000; albums = tracks/8, artists = tracks/16)
  --clients N    concurrent clients (default 50)
  --seconds N    measured seconds per endpoint (default 10)
  --no-uncached  skip the second pass with the response cache off`;

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer, got "${text}"\n\n${USAGE}`);
  return value;
}

export function parseApiBenchOptions(args: readonly string[]): ApiBenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      plays: { type: 'string', default: '1000000' },
      users: { type: 'string', default: '5' },
      tracks: { type: 'string', default: '5000' },
      clients: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '10' },
      'no-uncached': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  return {
    plays: positiveInteger('plays', values.plays),
    users: positiveInteger('users', values.users),
    tracks: positiveInteger('tracks', values.tracks),
    clients: positiveInteger('clients', values.clients),
    seconds: positiveInteger('seconds', values.seconds),
    uncached: !values['no-uncached'],
  };
}
