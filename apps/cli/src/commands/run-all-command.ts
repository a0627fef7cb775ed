import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import { SOURCE_NAMES } from '@spotify-insights/schemas';
import { superviseAll } from '../run-all/supervise.ts';
import { REPO_ROOT } from '../stack/paths.ts';

const KINDS = { consumers: 'consumer', producers: 'producer' } as const;

/**
 * `run-all consumers` / `run-all producers [--once]`: the eight apps of a kind as one
 * process group, each line prefixed with its app; Ctrl-C stops all; exit 1 if one died.
 */
export async function runAllCommand(argv: string[], _config: AppConfig): Promise<number> {
  const [kind, ...flags] = argv;
  const prefix = KINDS[kind as keyof typeof KINDS];
  if (!prefix) {
    process.stderr.write(`Usage: run-all <consumers|producers> [--once (producers)]\n`);
    return 2;
  }
  const apps = SOURCE_NAMES.map((source) => ({
    name: `${prefix}-${source}`,
    command: process.execPath,
    args: [join(REPO_ROOT, 'apps', `${prefix}-${source}`, 'src', 'main.ts'), ...flags],
  }));
  return superviseAll(apps);
}
