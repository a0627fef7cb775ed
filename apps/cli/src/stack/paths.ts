import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file that holds nx.json. */
export function findRepoRoot(start: string = import.meta.dirname): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot();

/**
 * Everything the stack downloads, builds or stores lives under .local/ (git-ignored):
 *   .local/cache/<service>   downloads and builds, kept across `down --reset`
 *   .local/data/<service>    service data, removed by `down --reset`
 *   .local/logs/<service>.log, .local/run/<service>.pid
 */
export interface ServicePaths {
  cache: string;
  data: string;
  log: string;
  pid: string;
  config: string;
}

export const LOCAL_DIR = process.env.SPOTIFY_INSIGHTS_LOCAL_DIR ?? join(REPO_ROOT, '.local');

export function servicePaths(name: string): ServicePaths {
  return {
    cache: join(LOCAL_DIR, 'cache', name),
    data: join(LOCAL_DIR, 'data', name),
    log: join(LOCAL_DIR, 'logs', `${name}.log`),
    pid: join(LOCAL_DIR, 'run', `${name}.pid`),
    config: join(LOCAL_DIR, 'run', name),
  };
}

/** Files that ship with the repo for a service (poms, log configs). */
export function infraFile(...parts: string[]): string {
  return join(REPO_ROOT, 'infra', ...parts);
}
