import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import { SOURCE_NAMES, TOPIC_SOURCE_NAMES } from '@spotify-insights/schemas';
import { superviseAll, type AppToRun } from '../run-all/supervise.ts';
import { REPO_ROOT } from '../stack/paths.ts';

const KINDS = { consumers: 'consumer', producers: 'producer' } as const;

export type AppKind = 'consumer' | 'producer';

/**
 * The apps of a kind, ready for superviseAll: a producer per API source (eight), a
 * consumer per topic (those eight and the import topics; imports have no producer app,
 * the import CLI publishes them). Spotify's budget is per app, and each producer process
 * has its own limiter: the eight share it by each taking an eighth, so together they
 * never exceed it.
 */
export function appsOfKind(kind: AppKind, flags: string[], config: AppConfig): AppToRun[] {
  const perProducer = Math.max(1, Math.floor(config.spotify.rateLimitPer30s / SOURCE_NAMES.length));
  const sources = kind === 'producer' ? SOURCE_NAMES : TOPIC_SOURCE_NAMES;
  return sources.map((source) => ({
    name: `${kind}-${source}`,
    command: process.execPath,
    args: [join(REPO_ROOT, 'apps', `${kind}-${source}`, 'src', 'main.ts'), ...flags],
    ...(kind === 'producer' ? { env: { SPOTIFY_RATE_LIMIT_PER_30S: String(perProducer) } } : {}),
  }));
}

/**
 * `run-all consumers` / `run-all producers [--once]`: the apps of a kind as one
 * process group, each line prefixed with its app; Ctrl-C stops all; exit 1 if one died.
 */
export async function runAllCommand(argv: string[], config: AppConfig): Promise<number> {
  const [kind, ...flags] = argv;
  const prefix = KINDS[kind as keyof typeof KINDS];
  if (!prefix) {
    process.stderr.write(`Usage: run-all <consumers|producers> [--once (producers)]\n`);
    return 2;
  }
  return superviseAll(appsOfKind(prefix, flags, config));
}
