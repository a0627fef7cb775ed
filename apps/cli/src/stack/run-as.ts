import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface UnixUser {
  name: string;
  uid: number;
  gid: number;
}

function lookupUser(name: string): UnixUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { name, uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root. When we are root (CI, containers) the server runs
 * as the `postgres` system user, created if the machine has none.
 */
export function unprivilegedUser(name = 'postgres'): UnixUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookupUser(name);
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  const created = lookupUser(name);
  if (!created) throw new Error(`could not create the system user ${name}`);
  return created;
}

/**
 * The unprivileged user must be able to reach the binaries and data below `path`:
 * a clone inside a private folder (mode 700) would stop it. Adds the execute bit for
 * others on each ancestor that lacks it, and says which ones.
 */
export function ensureTraversable(path: string, report: (message: string) => void): void {
  let dir = path;
  while (true) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      report(`allowed other users to traverse ${dir} (needed by the postgres user)`);
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
