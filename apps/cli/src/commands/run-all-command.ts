import { join } from 'node:path';
import type { AppConfig } from '@spotify-insights/config';
import { SOURCE_NAMES } from '@spotify-insights/schemas';
import { superviseAll } from '../run-all/supervise.ts';
import { REPO_ROOT } from '../stack/paths.ts';

const KINDS = ['consumers'] as const;

/** `run-all consumers`: the eight consumer apps as one process group (Ctrl-C stops all). */
export async function runAllCommand(argv: string[], _config: AppConfig): Promise<number> {
  const [kind] = argv;
  if (!KINDS.includes(kind as (typeof KINDS)[number])) {
    process.stderr.write(`Usage: run-all <${KINDS.join('|')}>\n`);
    return 2;
  }
  const apps = SOURCE_NAMES.map((source) => ({
    name: `consumer-${source}`,
    command: process.execPath,
    args: [join(REPO_ROOT, 'apps', `consumer-${source}`, 'src', 'main.ts')],
  }));
  return superviseAll(apps);
}
